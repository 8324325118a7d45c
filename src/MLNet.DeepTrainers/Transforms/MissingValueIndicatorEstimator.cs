namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="MissingValueIndicatorTransformer"/>: nothing to learn.</summary>
public sealed class MissingValueIndicatorEstimator : TrivialEstimator<MissingValueIndicatorTransformer>
{
    internal MissingValueIndicatorEstimator(IReadOnlyList<(string Output, string Input)> columns)
        : base(new MissingValueIndicatorTransformer(columns)) { }
}
