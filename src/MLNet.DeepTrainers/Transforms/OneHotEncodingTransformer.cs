using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Encodes a column's categories; a value never seen in fitting encodes as missing: key 0, all zeros as an indicator or bag, all ones in binary (as ML.NET).</summary>
public sealed class OneHotEncodingTransformer : RowToRowTransformerBase
{
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
