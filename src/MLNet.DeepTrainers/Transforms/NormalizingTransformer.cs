namespace MLNet.DeepTrainers.Transforms;

/// <summary>A fitted normalizer: per column, the function it learned applied to every slot.</summary>
public sealed partial class NormalizingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var column in _columns)
        {
            var (value, _) = graph.Column(column.Input, $"Normalize('{column.Output}')");
            graph.SetColumn(column.Output, column.Function.ExportOnnx(graph, value), output[column.Output].Type);
        }
    }

    internal const string Kind = "Normalize";
    private readonly FittedColumn[] _columns;

    internal NormalizingTransformer(FittedColumn[] columns) => _columns = columns;

    /// <summary>One normalized column: its names, the input type it was fitted on, and its function.</summary>
    internal sealed record FittedColumn(string Output, string Input, DataViewType Type, ColumnFunction Function);

    /// <summary>
    /// What the normalizer learned for the column of index <paramref name="index"/> (the order of the
    /// <see cref="InputOutputColumnPair"/> array, 0 for a one-column normalizer): an
    /// <see cref="AffineNormalizerModelParameters{TData}"/>, <see cref="CdfNormalizerModelParameters{TData}"/> or
    /// <see cref="BinNormalizerModelParameters{TData}"/>, whose TData is float for a scalar column and
    /// <c>ImmutableArray&lt;float&gt;</c> for a vector.
    /// </summary>
    public NormalizerModelParametersBase GetNormalizerModelParameters(int index)
    {
        if (index < 0 || index >= _columns.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Not valid. Valid range is from 0 (inclusive) to {_columns.Length} (exclusive) but got {index}.");
        var column = _columns[index];
        return column.Function.ModelParameters(column.Type is VectorDataViewType);
    }

    internal static NormalizingTransformer Load(StageReader reader)
    {
        var pending = reader.GetList("columns").Select((column, i) =>
        {
            var type = DataViewTypeCodec.Decode(column.Get<string>("type"), column);
            // A function has one parameter per slot, so a vector must have a known size.
            if (type.ItemType() != NumberDataViewType.Single || type is VectorDataViewType { IsKnownSize: false })
                throw column.Corrupt($"a normalizer reads Single values or Single vectors of known size, not {type}");
            var (tensors, build) = ColumnFunction.Load(column, $"{i}.", type is VectorDataViewType vector ? vector.Size : 1);
            return (Output: column.Get<string>("output"), Input: column.Get<string>("input"), Type: type, Tensors: tensors, Build: build);
        }).ToList();
        var read = reader.ReadTensors(pending.SelectMany(p => p.Tensors).ToDictionary());
        return new NormalizingTransformer(pending.Select(p => new FittedColumn(p.Output, p.Input, p.Type, p.Build(read))).ToArray());
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) =>
        writer.SetList("columns", _columns.Select((c, i) => (c, i)), (column, item) =>
        {
            column.Set("output", item.c.Output);
            column.Set("input", item.c.Input);
            column.Set("type", DataViewTypeCodec.Encode(item.c.Type));
            item.c.Function.Save(column, writer, $"{item.i}.");
        });

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = input.GetColumnOrNull(c.Input) ?? throw input.MissingColumn(c.Input);
        if (!column.Type.Equals(c.Type))
            throw new ArgumentOutOfRangeException(nameof(input), $"Normalize('{c.Output}'): column '{c.Input}' is {column.Type}, but the normalizer was fitted on {c.Type}.");
        return new OutputColumn(c.Output, c.Type, cursor => ItemGetters.Map<float, float>(cursor, column, c.Function.Apply), column.Annotations);
    }).ToList();
}
