using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Encodes a column's categories; a value never seen in fitting encodes as missing: key 0, all zeros as an indicator or bag, all ones in binary (as ML.NET).</summary>
public sealed class OneHotEncodingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>Keys as MapValueToKey exports them; Indicator (and Bag, the same for one value) as key == 1..n, so key 0 gives zeros.</summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema output)
    {
        foreach (var c in _columns)
        {
            string user = $"OneHotEncoding('{c.Output}')";
            string key = c.ExportOnnx(graph, user);
            if (_kind is not (OutputKind.Key or OutputKind.Indicator or OutputKind.Bag))
                throw new NotSupportedException($"{user}: the {_kind} output kind has no ONNX form here; Indicator, Bag and Key export.");
            if (_kind != OutputKind.Key && OnnxTypes.Width(graph.Column(c.Input, user).Type) != 1)
                throw new NotSupportedException($"{user}: only a column of one value per row one-hot encodes in ONNX here.");
            if (_kind != OutputKind.Key)
            {
                string slots = graph.Constant([.. Enumerable.Range(1, c.Mapping.Count).Select(k => (long)k)], c.Mapping.Count);
                string hot = graph.Node("Equal", [graph.Cast(key, global::Onnx.TensorProto.Types.DataType.Int64), slots]);
                key = graph.Cast(hot, global::Onnx.TensorProto.Types.DataType.Float);
            }
            graph.SetColumn(c.Output, key, output[c.Output].Type);
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
        var keys = new OutputColumn(c.Output, c.KeyType, cursor => mapping.KeyGetter(cursor, column), new DataViewSchema.Annotations(mapping.Values, null));
        return _kind == OutputKind.Key ? keys : KeyVectors.Of(keys, _kind, null, user);
    }
}
