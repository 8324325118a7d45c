namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="TypeConvertingTransformer"/>.</summary>
public sealed class TypeConvertingEstimator : TrivialEstimator<TypeConvertingTransformer>
{
    internal TypeConvertingEstimator(IReadOnlyList<(string Output, string Input)> columns, DataKind outputKind)
        : base(new TypeConvertingTransformer(columns, outputKind)) { }
}
