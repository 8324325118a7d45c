namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Marks missing values: true where a Single or Double value (or a slot of a vector) is NaN, so a model
/// can learn from where data is missing. A scalar gives a Boolean, a vector a Boolean vector of its shape.
/// </summary>
public sealed class MissingValueIndicatorTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (outputName, inputName) in _columns)
            graph.SetColumn(outputName, graph.Node("IsNaN", [graph.Column(inputName, $"IndicateMissingValues('{outputName}')").Value]), output[outputName].Type);
    }

    internal const string Kind = "IndicateMissingValues";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;

    internal MissingValueIndicatorTransformer(IReadOnlyList<(string Output, string Input)> columns) => _columns = columns;

    internal static MissingValueIndicatorTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) => writer.SetColumnPairs("columns", _columns);

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = input.GetColumnOrNull(c.Input) ?? throw input.MissingColumn(c.Input, $"IndicateMissingValues('{c.Output}')");
        var item = MissingValues.ItemType(column, $"IndicateMissingValues('{c.Output}')");
        bool single = item.Equals(NumberDataViewType.Single);
        if (column.Type is VectorDataViewType vector)
        {
            var type = new VectorDataViewType(BooleanDataViewType.Instance, [.. vector.Dimensions]);
            return new OutputColumn(c.Output, type, cursor => Getter(cursor, column, single), new DataViewSchema.Annotations(null, column.Annotations.SlotNames?.ToArray()));
        }
        return new OutputColumn(c.Output, BooleanDataViewType.Instance, cursor => Getter(cursor, column, single));
    }).ToList();

    private static Delegate Getter(DataViewRowCursor cursor, DataViewSchema.Column column, bool single) => single
        ? ItemGetters.Map<float, bool>(cursor, column, (v, _) => float.IsNaN(v))
        : ItemGetters.Map<double, bool>(cursor, column, (v, _) => double.IsNaN(v));
}
