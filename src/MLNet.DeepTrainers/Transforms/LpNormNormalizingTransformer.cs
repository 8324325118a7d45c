using static MLNet.DeepTrainers.Transforms.LpNormNormalizingEstimatorBase;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Divides each row's Single vector by its norm (after subtracting the row's mean with
/// <c>ensureZeroMean</c>), as ML.NET's NormalizeLpNorm: a zero norm, or one so large that the scale falls
/// below 1e-8, leaves the values unscaled.
/// </summary>
public sealed class LpNormNormalizingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>The same steps over each row of the [rows, width] value: centre, norm, scale (1 where the norm is 0 or the scale too small).</summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        var perRow = new[] { OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 1) };
        foreach (var (outputName, inputName) in _columns)
        {
            var (x, _) = graph.Column(inputName, $"NormalizeLpNorm('{outputName}')");
            if (_ensureZeroMean)
                x = graph.Node("Sub", [x, graph.Node("ReduceMean", [x], perRow)]);
            string divisor = _norm switch
            {
                NormFunction.L2 => graph.Node("Sqrt", [graph.Node("ReduceSumSquare", [x], perRow)]),
                NormFunction.StandardDeviation => graph.Node("Sqrt", [graph.Node("ReduceMean", [graph.Node("Mul", [x, x])], perRow)]),
                NormFunction.L1 => graph.Node("ReduceL1", [x], perRow),
                _ => graph.Node("ReduceMax", [graph.Node("Abs", [x])], perRow),
            };
            string one = graph.Constant([1f], 1);
            string scale = graph.Node("Where", [graph.Node("Greater", [divisor, graph.Constant([0f], 1)]), graph.Node("Reciprocal", [divisor]), one]);
            scale = graph.Node("Where", [graph.Node("Less", [scale, graph.Constant([MinimumScale], 1)]), one, scale]);
            graph.SetColumn(outputName, graph.Node("Mul", [x, scale]), output[outputName].Type);
        }
    }

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
                float mean = _ensureZeroMean && value.Length > 0 ? value.Sum() / value.Length : 0;
                float scale = Scale(value, value.Length, mean);
                for (int i = 0; i < value.Length; i++)
                    value[i] = (value[i] - mean) * scale;
            });
        }, column.Annotations, MakeSparseGetter: _ensureZeroMean ? null : cursor => SparseGetter(cursor.GetGetter<VBuffer<float>>(column)));
    }).ToList();

    // Without centring a zero stays zero, so a sparse row stays sparse: only its explicit values are scaled.
    private ValueGetter<VBuffer<float>> SparseGetter(ValueGetter<VBuffer<float>> read)
    {
        VBuffer<float> row = default;
        return (ref VBuffer<float> value) =>
        {
            read(ref row);
            var values = row.GetValues().ToArray();
            float scale = Scale(values, row.Length, 0);
            for (int i = 0; i < values.Length; i++)
                values[i] *= scale;
            value = row.IsDense ? new VBuffer<float>(row.Length, values) : new VBuffer<float>(row.Length, values.Length, values, row.GetIndices().ToArray());
        };
    }

    /// <summary>The factor of a row of <paramref name="length"/> items whose non-zero ones are among <paramref name="values"/>, centred by <paramref name="mean"/>.</summary>
    private float Scale(ReadOnlySpan<float> values, int length, float mean)
    {
        if (length == 0)
            return 1;
        double sum = 0;
        float max = 0;
        foreach (float v in values)
        {
            float x = v - mean;
            sum += _norm is NormFunction.L1 ? MathF.Abs(x) : x * x;
            max = MathF.Max(max, MathF.Abs(x));
        }
        float divisor = _norm switch
        {
            NormFunction.L2 => MathF.Sqrt((float)sum),
            NormFunction.StandardDeviation => MathF.Sqrt((float)sum / length),
            NormFunction.L1 => (float)sum,
            _ => max,
        };
        float scale = divisor > 0 ? 1 / divisor : 1;
        return scale < MinimumScale ? 1 : scale;
    }
}
