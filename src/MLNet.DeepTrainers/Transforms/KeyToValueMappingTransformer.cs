namespace MLNet.DeepTrainers.Transforms;

/// <summary>Turns a key (or each key of a vector) back into the value it stands for (from the column's key values); key 0 gives the type's missing value.</summary>
public sealed class KeyToValueMappingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>Gathers from the table [missing value, value of key 1, ..., value of key n]; a key beyond n reads the missing value, as here.</summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (outputName, inputName) in _columns)
        {
            var (key, _) = graph.Column(inputName, $"MapKeyToValue('{outputName}')");
            var values = input[inputName].Annotations.KeyValues!;
            var itemType = values.GetType().GetElementType()!;
            var table = Array.CreateInstance(itemType, values.Length + 1);
            table.SetValue(Missing(itemType), 0);
            Array.Copy(values, 0, table, 1, values.Length);
            string index = graph.Cast(key, global::Onnx.TensorProto.Types.DataType.Int64);
            string beyond = graph.Node("Greater", [index, graph.Constant([(long)values.Length], 1)]);
            index = graph.Node("Where", [beyond, graph.Constant([0L], 1), index]);
            graph.SetColumn(outputName, graph.Node("Gather", [graph.ConstantVector(table), index]), output[outputName].Type);
        }
    }

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
        var keyType = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
        if (keyType is not KeyDataViewType || column.Annotations.KeyValues is not Array values)
            throw new ArgumentOutOfRangeException(nameof(input), $"MapKeyToValue('{output}'): column '{inputName}' is {column.Type}{(keyType is KeyDataViewType ? " without key values" : "")}; it needs a key column made by MapValueToKey (or a classifier's PredictedLabel).");
        bool isVector = column.Type is VectorDataViewType;
        var getter = typeof(KeyToValueMappingTransformer).GetMethod(isVector ? nameof(VectorGetter) : nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(values.GetType().GetElementType()!);
        var type = PrimitiveTypes.Of(values.GetType().GetElementType()!)!;
        DataViewType outputType = column.Type is VectorDataViewType keys ? new VectorDataViewType(type, [.. keys.Dimensions]) : type;
        return new OutputColumn(output, outputType, cursor => (Delegate)getter.Invoke(null, [cursor, column, values])!);
    }

    private static ValueGetter<TValue[]> VectorGetter<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column, TValue[] values)
    {
        var readKeys = cursor.GetGetter<uint[]>(column);
        uint[] keys = [];
        var missing = (TValue)Missing(typeof(TValue));
        return (ref TValue[] result) =>
        {
            readKeys(ref keys);
            result = keys.Select(key => ValueOf(key, values, missing)).ToArray();
        };
    }

    private static ValueGetter<TValue> Getter<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column, TValue[] values)
    {
        var readKey = cursor.GetGetter<uint>(column);
        uint key = 0;
        var missing = (TValue)Missing(typeof(TValue));
        return (ref TValue value) =>
        {
            readKey(ref key);
            value = ValueOf(key, values, missing);
        };
    }

    // Key k's value, or the missing value for key 0 or a key beyond the values.
    private static TValue ValueOf<TValue>(uint key, TValue[] values, TValue missing) => key >= 1 && key <= values.Length ? values[key - 1] : missing;

    /// <summary>What key 0 (or an unknown key) maps to: empty text, NaN, or the type's default.</summary>
    private static object Missing(Type type) =>
        type == typeof(string) ? "" : type == typeof(float) ? float.NaN : type == typeof(double) ? double.NaN : Activator.CreateInstance(type)!;
}
