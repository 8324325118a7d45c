namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="KeyToValueMappingTransformer"/>.</summary>
public sealed class KeyToValueMappingEstimator : TrivialEstimator<KeyToValueMappingTransformer>
{
    internal KeyToValueMappingEstimator(IReadOnlyList<(string Output, string Input)> columns)
        : base(new KeyToValueMappingTransformer(columns)) { }
}
