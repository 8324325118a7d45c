using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Hashes each column's values to keys and writes them as one-hot, bag, binary or key columns.</summary>
public sealed class OneHotHashEncodingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        for (int i = 0; i < _columns.Length; i++)
        {
            var c = _columns[i];
            string keys = c.ExportOnnx(graph, input, $"OneHotHashEncoding('{c.Output}')");
            graph.SetColumn(c.Output, KeyVectors.ExportOnnx(graph, keys, OnnxTypes.Width(input[c.Input].Type), c.KeyType.Count, _kinds[i]), output[c.Output].Type);
        }
    }

    internal const string Kind = "OneHotHashEncoding";
    private readonly HashColumn[] _columns;
    private readonly OutputKind[] _kinds;

    internal OneHotHashEncodingTransformer(HashColumn[] columns, OutputKind[] kinds)
    {
        _columns = columns;
        _kinds = kinds;
    }

    internal static OneHotHashEncodingTransformer Load(StageReader reader)
    {
        var entries = reader.GetList("columns");
        return new(entries.Select(HashColumn.Load).ToArray(), entries.Select(KeyVectors.ReadKind).ToArray());
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) =>
        writer.SetList("columns", _columns.Zip(_kinds), (entry, c) =>
        {
            c.First.Save(entry);
            entry.Set("outputKind", c.Second);
        });

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select((c, i) =>
    {
        var keys = c.OutputOver(input);
        return _kinds[i] == OutputKind.Key ? keys : KeyVectors.Of(keys, _kinds[i], input[c.Input].Annotations.SlotNames, $"OneHotHashEncoding('{c.Output}')");
    }).ToList();
}
