using System.Globalization;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Maps each value to its learned key; values never seen in fitting map to key 0 (missing).</summary>
public sealed class ValueToKeyMappingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "MapValueToKey";
    private readonly KeyedColumn _column;
    private readonly bool _keyValuesAsText;

    internal ValueToKeyMappingTransformer(KeyedColumn column, bool keyValuesAsText)
    {
        _column = column;
        _keyValuesAsText = keyValuesAsText;
    }

    internal static ValueToKeyMappingTransformer Load(StageReader reader) => new(KeyedColumn.Load(reader), reader.Get<bool>("keyValuesAsText"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        _column.Save(writer);
        writer.Set("keyValuesAsText", _keyValuesAsText);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = _column.Find(input, $"MapValueToKey('{_column.Output}')");
        var values = _keyValuesAsText ? AsText(_column.Mapping.Values) : _column.Mapping.Values;
        return [new OutputColumn(_column.Output, _column.KeyType, cursor => _column.Mapping.KeyGetter(cursor, column), new DataViewSchema.Annotations(values, null))];
    }

    internal static string[] AsText(Array values) =>
        values.Cast<object>().Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v.ToString() ?? "").ToArray();
}
