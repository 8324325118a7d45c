namespace MLNet.DeepTrainers.Transforms;

/// <summary>Turns a key back into the value it stands for (from the column's key values); key 0 gives the type's missing value.</summary>
public sealed class KeyToValueMappingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "MapKeyToValue";
    private readonly string _output;
    private readonly string _input;

    internal KeyToValueMappingTransformer(string outputColumnName, string inputColumnName)
    {
        _output = outputColumnName;
        _input = inputColumnName;
    }

    internal static KeyToValueMappingTransformer Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string>("input"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = input.GetColumnOrNull(_input) ?? throw input.MissingColumn(_input);
        if (column.Type is not KeyDataViewType || column.Annotations.KeyValues is not Array values)
            throw new ArgumentOutOfRangeException(nameof(input), $"MapKeyToValue('{_output}'): column '{_input}' is {column.Type}{(column.Type is KeyDataViewType ? " without key values" : "")}; it needs a key column made by MapValueToKey (or a classifier's PredictedLabel).");
        var getter = typeof(KeyToValueMappingTransformer).GetMethod(nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(values.GetType().GetElementType()!);
        var type = PrimitiveTypes.Of(values.GetType().GetElementType()!)!;
        return [new OutputColumn(_output, type, cursor => (Delegate)getter.Invoke(null, [cursor, column, values])!)];
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
