namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// An input column, the categories learned from it and the output column they feed: the part that
/// MapValueToKey and OneHotEncoding share, learned, checked and saved in one place.
/// </summary>
internal sealed record KeyedColumn(string Output, string Input, DataViewType InputType, KeyMapping Mapping)
{
    /// <summary>
    /// Learns the categories of <paramref name="input"/> from <paramref name="data"/>, or, when
    /// <paramref name="keyData"/> is given, from its one column (ML.NET's <c>keyData</c>), which must hold
    /// values of the input's type.
    /// </summary>
    public static KeyedColumn Learn(IDataView data, string output, string input, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality ordinality, IDataView? keyData, string user)
    {
        var column = data.Schema[input];
        var source = keyData ?? data;
        var sourceColumn = column;
        if (keyData is not null)
        {
            if (keyData.Schema.Count != 1)
                throw new ArgumentException($"{user}: keyData must have exactly one column, the categories; it has {keyData.Schema.Count} ({keyData.Schema}).", nameof(keyData));
            sourceColumn = keyData.Schema[0];
            var itemType = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
            if (!sourceColumn.Type.Equals(itemType))
                throw new ArgumentException($"{user}: keyData's column '{sourceColumn.Name}' is {sourceColumn.Type}, but column '{input}' is {column.Type}; give keyData values of the same type as its items.", nameof(keyData));
        }
        var mapping = KeyMapping.Learn(source, sourceColumn, maximumNumberOfKeys, ordinality);
        if (mapping.Count == 0)
            throw new InvalidOperationException($"{user}: {(keyData is null ? $"column '{input}'" : "keyData")} has no values to learn categories from (no rows, or only missing values).");
        return new KeyedColumn(output, input, column.Type, mapping);
    }

    /// <summary>Saves the columns of a transform as one list.</summary>
    /// <summary>
    /// The keys as ONNX computes them: ONNX-ML's LabelEncoder maps each value to its 1-based key and
    /// anything unseen (or missing) to 0, then a Cast makes them UInt32, the key type's. Text and Single
    /// values map directly; whole numbers and booleans through Int64.
    /// </summary>
    public string ExportOnnx(OnnxGraph graph, string user)
    {
        var (value, _) = graph.Column(Input, user);
        var keys = Enumerable.Range(1, Mapping.Count).Select(k => (long)k);
        (string Input, global::Onnx.AttributeProto Keys) map = Mapping.Values switch
        {
            string[] texts => (value, OnnxAttribute.Texts("keys_strings", texts)),
            float[] numbers => (value, OnnxAttribute.Floats("keys_floats", numbers)),
            int[] numbers => (AsInt64(graph, value), OnnxAttribute.Ints("keys_int64s", numbers.Select(n => (long)n))),
            uint[] numbers => (AsInt64(graph, value), OnnxAttribute.Ints("keys_int64s", numbers.Select(n => (long)n))),
            long[] numbers => (value, OnnxAttribute.Ints("keys_int64s", numbers)),
            bool[] flags => (AsInt64(graph, value), OnnxAttribute.Ints("keys_int64s", flags.Select(f => f ? 1L : 0L))),
            var other => throw new NotSupportedException($"{user}: keys of {other.GetType().GetElementType()!.Name} values have no exact ONNX LabelEncoder (it maps text, Single and whole numbers)."),
        };
        string key = graph.MLNode("LabelEncoder", [map.Input], map.Keys, OnnxAttribute.Ints("values_int64s", keys), OnnxAttribute.Int("default_int64", 0));
        return graph.Cast(key, global::Onnx.TensorProto.Types.DataType.Uint32);
    }

    private static string AsInt64(OnnxGraph graph, string value) => graph.Cast(value, global::Onnx.TensorProto.Types.DataType.Int64);

    public static void SaveAll(StageWriter writer, IEnumerable<KeyedColumn> columns) =>
        writer.SetList("columns", columns, (entry, c) => c.Save(entry));

    public static KeyedColumn[] LoadAll(StageReader reader) => reader.GetList("columns").Select(Load).ToArray();

    private static KeyedColumn Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string>("input"),
        DataViewTypeCodec.Decode(reader.Get<string>("inputType"), reader), KeyMapping.FromValues(reader.GetKeyValues("keyValues") ?? throw reader.Corrupt("it lacks its key values")));

    private void Save(StageWriter writer)
    {
        writer.Set("output", Output);
        writer.Set("input", Input);
        writer.Set("inputType", DataViewTypeCodec.Encode(InputType));
        writer.SetKeyValues("keyValues", Mapping.Values);
    }

    /// <summary>The input column in <paramref name="schema"/>, which must have the type fitting saw.</summary>
    public DataViewSchema.Column Find(DataViewSchema schema, string user)
    {
        var column = schema.GetColumnOrNull(Input) ?? throw schema.MissingColumn(Input);
        if (!column.Type.Equals(InputType))
            throw new ArgumentOutOfRangeException(nameof(schema), $"{user}: column '{Input}' is {column.Type}, but it was fitted on {InputType}.");
        return column;
    }

    public KeyDataViewType KeyType => new(typeof(uint), (ulong)Mapping.Count);
}
