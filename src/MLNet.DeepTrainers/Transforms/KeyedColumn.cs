namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// An input column, the categories learned from it and the output column they feed: the part that
/// MapValueToKey and OneHotEncoding share, learned, checked and saved in one place.
/// </summary>
internal sealed record KeyedColumn(string Output, string Input, DataViewType InputType, KeyMapping Mapping)
{
    public static KeyedColumn Learn(IDataView data, string output, string input, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality ordinality, string user)
    {
        var column = data.Schema[input];
        var mapping = KeyMapping.Learn(data, column, maximumNumberOfKeys, ordinality);
        if (mapping.Count == 0)
            throw new InvalidOperationException($"{user}: column '{input}' has no values to learn categories from (no rows, or only missing values).");
        return new KeyedColumn(output, input, column.Type, mapping);
    }

    public static KeyedColumn Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string>("input"),
        DataViewTypeCodec.Decode(reader.Get<string>("inputType"), reader), KeyMapping.FromValues(reader.GetKeyValues("keyValues") ?? throw reader.Corrupt("it lacks its key values")));

    public void Save(StageWriter writer)
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
