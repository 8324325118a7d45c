namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="ColumnCopyingTransformer"/>.</summary>
public sealed class ColumnCopyingEstimator : TrivialEstimator<ColumnCopyingTransformer>
{
    internal ColumnCopyingEstimator(string outputColumnName, string inputColumnName)
        : base(new ColumnCopyingTransformer(outputColumnName, inputColumnName)) { }
}
