namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="TypeConvertingTransformer"/>.</summary>
public sealed class TypeConvertingEstimator : TrivialEstimator<TypeConvertingTransformer>
{
    internal TypeConvertingEstimator(string outputColumnName, string inputColumnName, DataKind outputKind)
        : base(new TypeConvertingTransformer(outputColumnName, inputColumnName, outputKind)) { }
}
