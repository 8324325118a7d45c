namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="KeyToValueMappingTransformer"/>.</summary>
public sealed class KeyToValueMappingEstimator : TrivialEstimator<KeyToValueMappingTransformer>
{
    internal KeyToValueMappingEstimator(string outputColumnName, string inputColumnName)
        : base(new KeyToValueMappingTransformer(outputColumnName, inputColumnName)) { }
}
