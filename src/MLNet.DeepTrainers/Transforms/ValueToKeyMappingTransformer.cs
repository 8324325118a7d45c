namespace MLNet.DeepTrainers.Transforms;

/// <summary>Maps each value (or each item of a vector) to its learned key; values never seen in fitting map to key 0 (missing).</summary>
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
        var annotations = new DataViewSchema.Annotations(values, null);
        // A vector of values gives a vector of keys of its shape (its size varying where the input's does).
        if (column.Type is VectorDataViewType vector)
            return new OutputColumn(c.Output, new VectorDataViewType(c.KeyType, [.. vector.Dimensions]), cursor => c.Mapping.KeysGetter(cursor, column), annotations);
        return new OutputColumn(c.Output, c.KeyType, cursor => c.Mapping.KeyGetter(cursor, column), annotations);
    }).ToList();
}
