namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Learns, per slot of each Single scalar or vector column, the function of ML.NET's NormalizeMinMax,
/// NormalizeMeanVariance, NormalizeLogMeanVariance or NormalizeBinning, with ML.NET's formulas (see the
/// catalog methods). NaN values are skipped when learning.
/// </summary>
public sealed class NormalizingEstimator : IEstimator<NormalizingTransformer>
{
    private readonly NormalizerColumn[] _columns;

    internal NormalizingEstimator(NormalizerColumn[] columns) => _columns = columns;

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var outputs = _columns.Select(c =>
        {
            var input = inputSchema.Require(c.Input, c.User, s => s.IsSingleOfKnownSize, "Single values or a Single vector of known size (convert other numbers with Conversion.ConvertType; give a float[] member its size with [VectorType(n)])");
            return new SchemaShape.Column(c.Output, input.Kind, NumberDataViewType.Single, false);
        }).ToList();
        return outputs.Aggregate(inputSchema, (shape, column) => shape.With(column));
    }

    /// <inheritdoc />
    public NormalizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var columns = _columns.Select(c => input.Schema[c.Input]).ToArray();
        var widths = columns.Select(c => c.Type is VectorDataViewType v ? v.Size : 1).ToArray();
        var samples = _columns.Select((c, i) => c.NewSample(widths[i])).ToArray();
        using (var cursor = input.GetRowCursor(columns.DistinctBy(c => c.Index)))
        {
            var readers = columns.Select(c => CursorValues.AsDoubles(cursor, c)).ToArray();
            long limit = _columns.Max(c => c.MaximumExampleCount);
            for (long row = 0; row < limit && cursor.MoveNext(); row++)
            {
                for (int i = 0; i < _columns.Length; i++)
                    if (row < _columns[i].MaximumExampleCount)
                        samples[i].Add(readers[i]());
            }
        }
        if (samples[0].Rows == 0)
            throw new InvalidOperationException($"{_columns[0].User}: the data has no rows to learn from.");
        return new NormalizingTransformer(_columns.Select((c, i) => new NormalizingTransformer.FittedColumn(c.Output, c.Input, columns[i].Type, c.Learn(samples[i]))).ToArray());
    }

}
