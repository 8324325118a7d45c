namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="ColumnConcatenatingTransformer"/>.</summary>
public sealed class ColumnConcatenatingEstimator : TrivialEstimator<ColumnConcatenatingTransformer>
{
    internal ColumnConcatenatingEstimator(string outputColumnName, string[] inputColumnNames)
        : base(new ColumnConcatenatingTransformer(outputColumnName, inputColumnNames)) { }
}
