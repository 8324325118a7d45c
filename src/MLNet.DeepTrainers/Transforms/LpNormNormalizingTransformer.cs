using static MLNet.DeepTrainers.Transforms.LpNormNormalizingEstimatorBase;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Divides each row's Single vector by its norm (after subtracting the row's mean with
/// <c>ensureZeroMean</c>), as ML.NET's NormalizeLpNorm: a zero norm, or one so large that the scale falls
/// below 1e-8, leaves the values unscaled.
/// </summary>
public sealed class LpNormNormalizingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "NormalizeLpNorm";
    private const float MinimumScale = 1e-8f;
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly NormFunction _norm;
    private readonly bool _ensureZeroMean;

    internal LpNormNormalizingTransformer(IReadOnlyList<(string Output, string Input)> columns, NormFunction norm, bool ensureZeroMean)
    {
        if (!Enum.IsDefined(norm))
            throw new ArgumentOutOfRangeException(nameof(norm), norm, "Use L2, StandardDeviation, L1 or Infinity.");
        _columns = columns;
        _norm = norm;
        _ensureZeroMean = ensureZeroMean;
    }

    internal static LpNormNormalizingTransformer Load(StageReader reader) =>
        new(reader.GetColumnPairs("columns"), reader.Get<NormFunction>("norm"), reader.Get<bool>("ensureZeroMean"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("norm", _norm);
        writer.Set("ensureZeroMean", _ensureZeroMean);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = input.GetColumnOrNull(c.Input) ?? throw input.MissingColumn(c.Input);
        if (column.Type is not VectorDataViewType { ItemType: var item } || item != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(input), $"NormalizeLpNorm('{c.Output}'): column '{c.Input}' is {column.Type}; it needs a vector of Single (Concatenate scalars into one).");
        return new OutputColumn(c.Output, column.Type, cursor =>
        {
            var read = cursor.GetGetter<float[]>(column);
            return (ValueGetter<float[]>)((ref float[] value) =>
            {
                read(ref value);
                Normalize(value);
            });
        }, column.Annotations);
    }).ToList();

    private void Normalize(float[] values)
    {
        if (values.Length == 0)
            return;
        float mean = _ensureZeroMean ? values.Sum() / values.Length : 0;
        float divisor = _norm switch
        {
            NormFunction.L2 => MathF.Sqrt(values.Sum(x => (x - mean) * (x - mean))),
            NormFunction.StandardDeviation => MathF.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / values.Length),
            NormFunction.L1 => values.Sum(x => MathF.Abs(x - mean)),
            _ => values.Max(x => MathF.Abs(x - mean)),
        };
        float scale = divisor > 0 ? 1 / divisor : 1;
        if (scale < MinimumScale)
            scale = 1;
        for (int i = 0; i < values.Length; i++)
            values[i] = (values[i] - mean) * scale;
    }
}
