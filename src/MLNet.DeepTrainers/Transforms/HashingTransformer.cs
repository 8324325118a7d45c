namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Hashes each value (each item of a vector) to a key of 2^numberOfBits, as ML.NET's Hash: the key is
/// the low bits of the value's MurmurHash3 plus 1, and a missing value (NaN, empty text, key 0) is key 0.
/// With ordered hashing an item's slot is hashed in; with inverts kept, the key values name the values
/// met behind each key.
/// </summary>
public sealed class HashingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var c in _columns)
            graph.SetColumn(c.Output, c.ExportOnnx(graph, input, $"Hash('{c.Output}')"), output[c.Output].Type);
    }

    internal const string Kind = "Hash";
    private readonly HashColumn[] _columns;

    internal HashingTransformer(HashColumn[] columns) => _columns = columns;

    internal HashColumn[] Columns => _columns;

    internal static HashingTransformer Load(StageReader reader) => new(reader.GetList("columns").Select(HashColumn.Load).ToArray());

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) => writer.SetList("columns", _columns, (entry, c) => c.Save(entry));

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c => c.OutputOver(input)).ToList();
}
