namespace MLNet.DeepTrainers.Transforms;

/// <summary>Learns the categories of a column and maps each value to its key (ordinal encoding).</summary>
public sealed class ValueToKeyMappingEstimator : IEstimator<ValueToKeyMappingTransformer>
{
    private readonly string _output;
    private readonly string _input;
    private readonly int _maximumNumberOfKeys;
    private readonly KeyOrdinality _ordinality;
    private readonly bool _keyValuesAsText;

    internal ValueToKeyMappingEstimator(string outputColumnName, string? inputColumnName, int maximumNumberOfKeys, KeyOrdinality keyOrdinality, bool addKeyValueAnnotationsAsText)
    {
        if (maximumNumberOfKeys <= 0)
            throw new ArgumentOutOfRangeException(nameof(maximumNumberOfKeys), maximumNumberOfKeys, "The maximum number of keys must be positive.");
        _output = outputColumnName;
        _input = inputColumnName ?? outputColumnName;
        _maximumNumberOfKeys = maximumNumberOfKeys;
        _ordinality = keyOrdinality;
        _keyValuesAsText = addKeyValueAnnotationsAsText;
    }

    /// <summary>How learned categories are numbered (nested here, as in ML.NET).</summary>
    public enum KeyOrdinality
    {
        /// <summary>In the order they first appear in the data.</summary>
        ByOccurrence = 0,
        /// <summary>In sorted order of their values (ordinal for text).</summary>
        ByValue = 1,
    }

    internal static SchemaShape.Column CheckCategoryColumn(SchemaShape input, string name, string user) =>
        input.Require(name, user, c => c.Kind == SchemaShape.Column.VectorKind.Scalar, "one value per row (text, a number, a Boolean or a key); vectors are not supported");

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var input = CheckCategoryColumn(inputSchema, _input, $"MapValueToKey('{_output}')");
        var values = _keyValuesAsText ? TextDataViewType.Instance : input.IsKey ? input.KeyValuesType : input.ItemType;
        return inputSchema.With(new SchemaShape.Column(_output, SchemaShape.Column.VectorKind.Scalar, new KeyDataViewType(typeof(uint), 1), true) { KeyValuesType = values });
    }

    /// <inheritdoc />
    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var column = KeyedColumn.Learn(input, _output, _input, _maximumNumberOfKeys, _ordinality, $"MapValueToKey('{_output}')");
        return new ValueToKeyMappingTransformer(column, _keyValuesAsText);
    }
}
