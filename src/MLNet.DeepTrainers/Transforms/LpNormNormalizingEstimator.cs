namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="LpNormNormalizingTransformer"/>: nothing to learn, each row is normalized on its own.</summary>
public sealed class LpNormNormalizingEstimator : LpNormNormalizingEstimatorBase
{
    internal LpNormNormalizingEstimator(IReadOnlyList<(string Output, string Input)> columns, NormFunction norm, bool ensureZeroMean)
        : base(new LpNormNormalizingTransformer(columns, norm, ensureZeroMean)) { }
}
