namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="HashingTransformer"/>: nothing to learn.</summary>
public sealed class HashingEstimator : TrivialEstimator<HashingTransformer>
{
    internal HashingEstimator(IReadOnlyList<(string Output, string Input)> columns, int numberOfBits, int maximumNumberOfInverts)
        : base(new HashingTransformer(columns, numberOfBits, MurmurHash.DefaultSeed))
    {
        // ML.NET keeps, with maximumNumberOfInverts != 0, the values behind each hash as key values.
        if (maximumNumberOfInverts != 0)
            throw new ArgumentOutOfRangeException(nameof(maximumNumberOfInverts), maximumNumberOfInverts, "Hash: keeping the values behind each hash (maximumNumberOfInverts) is not supported yet; leave it 0.");
    }
}
