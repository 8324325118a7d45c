namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="ColumnSelectingTransformer"/>.</summary>
public sealed class ColumnSelectingEstimator : TrivialEstimator<ColumnSelectingTransformer>
{
    internal ColumnSelectingEstimator(string[] names, bool keep) : base(new ColumnSelectingTransformer(names, keep)) { }
}
