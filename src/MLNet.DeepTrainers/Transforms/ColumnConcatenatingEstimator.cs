namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="ColumnConcatenatingTransformer"/>.</summary>
public sealed class ColumnConcatenatingEstimator : TrivialEstimator<ColumnConcatenatingTransformer>
{
    internal ColumnConcatenatingEstimator(string outputColumnName, string[] inputColumnNames, string[]? slotPrefixes = null)
        : base(new ColumnConcatenatingTransformer(outputColumnName, inputColumnNames, slotPrefixes)) { }
}
