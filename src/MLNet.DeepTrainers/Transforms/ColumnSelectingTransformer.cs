namespace MLNet.DeepTrainers.Transforms;

/// <summary>Keeps only some columns (<c>SelectColumns</c>) or drops some (<c>DropColumns</c>).</summary>
public sealed class ColumnSelectingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    // The export drops whatever the output schema no longer has: nothing to add here.
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output) { }

    internal const string Kind = "SelectColumns";
    private readonly string[] _names;
    private readonly bool _keep;

    internal ColumnSelectingTransformer(string[] names, bool keep)
    {
        _names = names;
        _keep = keep;
    }

    internal static ColumnSelectingTransformer Load(StageReader reader) => new(reader.Get<string[]>("names"), reader.Get<bool>("keep"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("names", _names);
        writer.Set("keep", _keep);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => [];

    private protected override IEnumerable<string> KeptColumns(DataViewSchema input)
    {
        foreach (var name in _names)
            _ = input[name];
        return _keep ? _names : input.Select(c => c.Name).Except(_names);
    }
}
