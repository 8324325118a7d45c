namespace MLNet.DeepTrainers.Transforms;

/// <summary>Learns the categories of each column and maps each value to its key (ordinal encoding).</summary>
public sealed class ValueToKeyMappingEstimator : IEstimator<ValueToKeyMappingTransformer>
{
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly int _maximumNumberOfKeys;
    private readonly KeyOrdinality _ordinality;
    private readonly bool _keyValuesAsText;
    private readonly IDataView? _keyData;

    internal ValueToKeyMappingEstimator(IReadOnlyList<(string Output, string Input)> columns, int maximumNumberOfKeys, KeyOrdinality keyOrdinality, bool addKeyValueAnnotationsAsText, IDataView? keyData)
    {
        CheckMaximumNumberOfKeys(maximumNumberOfKeys);
        _columns = columns;
        _maximumNumberOfKeys = maximumNumberOfKeys;
        _ordinality = keyOrdinality;
        _keyValuesAsText = addKeyValueAnnotationsAsText;
        _keyData = keyData;
    }

    /// <summary>How learned categories are numbered (nested here, as in ML.NET).</summary>
    public enum KeyOrdinality
    {
        /// <summary>In the order they first appear in the data.</summary>
        ByOccurrence = 0,
        /// <summary>In sorted order of their values (ordinal for text).</summary>
        ByValue = 1,
    }

    internal static void CheckMaximumNumberOfKeys(int maximumNumberOfKeys)
    {
        if (maximumNumberOfKeys <= 0)
            throw new ArgumentOutOfRangeException(nameof(maximumNumberOfKeys), maximumNumberOfKeys, "The maximum number of keys must be positive.");
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _columns.Aggregate(inputSchema, (shape, c) =>
    {
        var input = inputSchema.Require(c.Input, $"MapValueToKey('{c.Output}')", _ => true, "values or a vector of values");
        var values = _keyValuesAsText ? TextDataViewType.Instance : input.IsKey ? input.KeyValuesType : input.ItemType;
        return shape.With(new SchemaShape.Column(c.Output, input.Kind, new KeyDataViewType(typeof(uint), 1), true) { KeyValuesType = values });
    });

    /// <inheritdoc />
    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var columns = _columns.Select(c => KeyedColumn.Learn(input, c.Output, c.Input, _maximumNumberOfKeys, _ordinality, _keyData, $"MapValueToKey('{c.Output}')")).ToArray();
        return new ValueToKeyMappingTransformer(columns, _keyValuesAsText);
    }
}
