namespace MLNet.DeepTrainers.Transforms;

/// <summary>Replaces NaN in each column (or each slot of a vector) with the value learned in fitting.</summary>
public sealed class MissingValueReplacingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var c in _columns)
        {
            var (value, type) = graph.Column(c.Input, $"ReplaceMissingValues('{c.Output}')");
            long[] shape = c.Replacements.Length == 1 ? [] : [c.Replacements.Length];
            string replacements = type.ItemType()!.Equals(NumberDataViewType.Single)
                ? graph.Constant([.. c.Replacements.Select(r => (float)r)], shape)
                : graph.Constant(c.Replacements, shape);
            graph.SetColumn(c.Output, graph.Node("Where", [graph.Node("IsNaN", [value]), replacements, value]), output[c.Output].Type);
        }
    }

    internal const string Kind = "ReplaceMissingValues";
    private readonly ReplacedColumn[] _columns;

    internal MissingValueReplacingTransformer(ReplacedColumn[] columns) => _columns = columns;

    /// <summary>One column: its names, the type fitting saw, and the replacement of each slot (one value: every slot).</summary>
    internal sealed record ReplacedColumn(string Output, string Input, DataViewType Type, double[] Replacements);

    internal static MissingValueReplacingTransformer Load(StageReader reader)
    {
        var columns = reader.GetList("columns").Select(entry =>
        {
            var type = DataViewTypeCodec.Decode(entry.Get<string>("type"), entry);
            if (type.ItemType() is not { } item || !item.Equals(NumberDataViewType.Single) && !item.Equals(NumberDataViewType.Double))
                throw entry.Corrupt($"missing values are replaced in Single or Double columns, not {type}");
            var replacements = entry.Get<double[]>("replacements");
            int width = type is VectorDataViewType { IsKnownSize: true } known ? known.Size : 1;
            if (replacements.Length != 1 && replacements.Length != width)
                throw entry.Corrupt($"it has {replacements.Length} replacements for a column of {width} slots");
            return new ReplacedColumn(entry.Get<string>("output"), entry.Get<string>("input"), type, replacements);
        }).ToArray();
        return new(columns);
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) =>
        writer.SetList("columns", _columns, (entry, c) =>
        {
            entry.Set("output", c.Output);
            entry.Set("input", c.Input);
            entry.Set("type", DataViewTypeCodec.Encode(c.Type));
            entry.Set("replacements", c.Replacements);
        });

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        string user = $"ReplaceMissingValues('{c.Output}')";
        var column = input.GetColumnOrNull(c.Input) ?? throw input.MissingColumn(c.Input, user);
        if (!column.Type.Equals(c.Type))
            throw new ArgumentOutOfRangeException(nameof(input), $"{user}: column '{c.Input}' is {column.Type}, but it was fitted on {c.Type}.");
        bool single = MissingValues.ItemType(column, user).Equals(NumberDataViewType.Single);
        var replacements = c.Replacements;
        var singles = replacements.Select(r => (float)r).ToArray();
        // One replacement serves every slot; otherwise each slot has its own.
        Func<DataViewRowCursor, Delegate> make = single
            ? cursor => ItemGetters.Map<float, float>(cursor, column, (v, slot) => float.IsNaN(v) ? singles[singles.Length == 1 ? 0 : slot] : v)
            : cursor => ItemGetters.Map<double, double>(cursor, column, (v, slot) => double.IsNaN(v) ? replacements[replacements.Length == 1 ? 0 : slot] : v);
        return new OutputColumn(c.Output, column.Type, make, column.Annotations);
    }).ToList();

}
