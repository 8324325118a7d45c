namespace MLNet.DeepTrainers.Transforms;

/// <summary>Maps each value to its learned key; values never seen in fitting map to key 0 (missing).</summary>
public sealed class ValueToKeyMappingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var c in _columns)
            graph.SetColumn(c.Output, c.ExportOnnx(graph, $"MapValueToKey('{c.Output}')"), output[c.Output].Type);
    }

    internal const string Kind = "MapValueToKey";
    private readonly KeyedColumn[] _columns;
    private readonly bool _keyValuesAsText;

    internal ValueToKeyMappingTransformer(KeyedColumn[] columns, bool keyValuesAsText)
    {
        _columns = columns;
        _keyValuesAsText = keyValuesAsText;
    }

    internal static ValueToKeyMappingTransformer Load(StageReader reader) => new(KeyedColumn.LoadAll(reader), reader.Get<bool>("keyValuesAsText"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        KeyedColumn.SaveAll(writer, _columns);
        writer.Set("keyValuesAsText", _keyValuesAsText);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = c.Find(input, $"MapValueToKey('{c.Output}')");
        var values = _keyValuesAsText ? ValueText.Of(c.Mapping.Values) : c.Mapping.Values;
        return new OutputColumn(c.Output, c.KeyType, cursor => c.Mapping.KeyGetter(cursor, column), new DataViewSchema.Annotations(values, null));
    }).ToList();
}
