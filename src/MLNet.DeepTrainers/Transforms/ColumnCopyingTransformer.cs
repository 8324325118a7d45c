namespace MLNet.DeepTrainers.Transforms;

/// <summary>Adds a column that is a copy of another, under a new name.</summary>
public sealed class ColumnCopyingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output) => graph.SetColumn(_output, graph.Column(_input, $"CopyColumns('{_output}')").Value, output[_output].Type);

    internal const string Kind = "CopyColumns";
    private readonly string _output;
    private readonly string _input;

    internal ColumnCopyingTransformer(string outputColumnName, string inputColumnName)
    {
        _output = outputColumnName;
        _input = inputColumnName;
    }

    internal static ColumnCopyingTransformer Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string>("input"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var source = input[_input];
        var copy = typeof(ColumnCopyingTransformer).GetMethod(nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(source.Type.RawType);
        return [new OutputColumn(_output, source.Type, cursor => (Delegate)copy.Invoke(null, [cursor, source])!, source.Annotations)];
    }

    private static ValueGetter<TValue> Getter<TValue>(DataViewRowCursor cursor, DataViewSchema.Column source) => cursor.GetGetter<TValue>(source);
}
