using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Encodes a column's categories; a value never seen in fitting encodes as missing: key 0, all zeros as an indicator or bag, all ones in binary (as ML.NET).</summary>
public sealed class OneHotEncodingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>Keys as MapValueToKey exports them, then written out as <see cref="KeyVectors"/> does.</summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var c in _columns)
        {
            string keys = c.ExportOnnx(graph, $"OneHotEncoding('{c.Output}')");
            string encoded = KeyVectors.ExportOnnx(graph, keys, OnnxTypes.Width(input[c.Input].Type), (ulong)c.Mapping.Count, _kind);
            graph.SetColumn(c.Output, encoded, output[c.Output].Type);
        }
    }

    internal const string Kind = "OneHotEncoding";
    private readonly KeyedColumn[] _columns;
    private readonly OutputKind _kind;

    internal OneHotEncodingTransformer(KeyedColumn[] columns, OutputKind kind)
    {
        _columns = columns;
        _kind = kind;
    }

    internal static OneHotEncodingTransformer Load(StageReader reader) => new(KeyedColumn.LoadAll(reader), KeyVectors.ReadKind(reader));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        KeyedColumn.SaveAll(writer, _columns);
        writer.Set("outputKind", _kind);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c => Output(input, c)).ToList();

    private OutputColumn Output(DataViewSchema input, KeyedColumn c)
    {
        string user = $"OneHotEncoding('{c.Output}')";
        var column = c.Find(input, user);
        var mapping = c.Mapping;
        var annotations = new DataViewSchema.Annotations(mapping.Values, null);
        var keys = column.Type is VectorDataViewType vector
            ? new OutputColumn(c.Output, new VectorDataViewType(c.KeyType, [.. vector.Dimensions]), cursor => mapping.KeysGetter(cursor, column), annotations)
            : new OutputColumn(c.Output, c.KeyType, cursor => mapping.KeyGetter(cursor, column), annotations);
        return _kind == OutputKind.Key ? keys : KeyVectors.Of(keys, _kind, column.Annotations.SlotNames, user);
    }
}
