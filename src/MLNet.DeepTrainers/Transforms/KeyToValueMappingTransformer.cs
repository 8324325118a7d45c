namespace MLNet.DeepTrainers.Transforms;

/// <summary>Turns a key back into the value it stands for (from the column's key values); key 0 gives the type's missing value.</summary>
public sealed class KeyToValueMappingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "MapKeyToValue";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;

    internal KeyToValueMappingTransformer(IReadOnlyList<(string Output, string Input)> columns) => _columns = columns;

    internal static KeyToValueMappingTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) => writer.SetColumnPairs("columns", _columns);

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c => Output(input, c.Output, c.Input)).ToList();

    private static OutputColumn Output(DataViewSchema input, string output, string inputName)
    {
        var column = input.GetColumnOrNull(inputName) ?? throw input.MissingColumn(inputName);
        if (column.Type is not KeyDataViewType || column.Annotations.KeyValues is not Array values)
            throw new ArgumentOutOfRangeException(nameof(input), $"MapKeyToValue('{output}'): column '{inputName}' is {column.Type}{(column.Type is KeyDataViewType ? " without key values" : "")}; it needs a key column made by MapValueToKey (or a classifier's PredictedLabel).");
        var getter = typeof(KeyToValueMappingTransformer).GetMethod(nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(values.GetType().GetElementType()!);
        var type = PrimitiveTypes.Of(values.GetType().GetElementType()!)!;
        return new OutputColumn(output, type, cursor => (Delegate)getter.Invoke(null, [cursor, column, values])!);
    }

    private static ValueGetter<TValue> Getter<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column, TValue[] values)
    {
        var readKey = cursor.GetGetter<uint>(column);
        uint key = 0;
        TValue missing = typeof(TValue) == typeof(string) ? (TValue)(object)""
            : typeof(TValue) == typeof(float) ? (TValue)(object)float.NaN
            : typeof(TValue) == typeof(double) ? (TValue)(object)double.NaN
            : default!;
        return (ref TValue value) =>
        {
            readKey(ref key);
            value = key >= 1 && key <= values.Length ? values[key - 1] : missing;
        };
    }
}
