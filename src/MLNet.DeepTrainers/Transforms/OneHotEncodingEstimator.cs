namespace MLNet.DeepTrainers.Transforms;

/// <summary>Learns the categories of a column and encodes each value as one-hot indicators, a key, or binary digits.</summary>
public sealed class OneHotEncodingEstimator : IEstimator<OneHotEncodingTransformer>
{
    /// <summary>How a category is written out.</summary>
    public enum OutputKind : byte
    {
        /// <summary>A vector of counts per category over a vector's items (multi-hot); for one value per row, the same as <see cref="Indicator"/>.</summary>
        Bag = 1,
        /// <summary>A vector with 1 in the category's slot and 0 elsewhere.</summary>
        Indicator = 2,
        /// <summary>The category's key (ordinal encoding).</summary>
        Key = 3,
        /// <summary>The key written in binary digits, most significant first: fewer slots than indicators.</summary>
        Binary = 4,
    }

    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly OutputKind _kind;
    private readonly int _maximumNumberOfKeys;
    private readonly ValueToKeyMappingEstimator.KeyOrdinality _ordinality;
    private readonly IDataView? _keyData;

    internal OneHotEncodingEstimator(IReadOnlyList<(string Output, string Input)> columns, OutputKind outputKind, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality, IDataView? keyData)
    {
        if (!Enum.IsDefined(outputKind))
            throw new ArgumentOutOfRangeException(nameof(outputKind), outputKind, "Use Bag, Indicator, Key or Binary.");
        ValueToKeyMappingEstimator.CheckMaximumNumberOfKeys(maximumNumberOfKeys);
        _columns = columns;
        _kind = outputKind;
        _maximumNumberOfKeys = maximumNumberOfKeys;
        _ordinality = keyOrdinality;
        _keyData = keyData;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _columns.Aggregate(inputSchema, (shape, c) =>
    {
        // A vector's items share the categories; only a bag (counts per category) has a width whatever the number of items.
        var input = inputSchema.Require(c.Input, $"OneHotEncoding('{c.Output}')", i => i.Kind != SchemaShape.Column.VectorKind.VariableVector || _kind is OutputKind.Bag or OutputKind.Key,
            "values or a vector of values; a vector whose size varies (words, topics) only as OutputKind.Bag or Key");
        var output = _kind == OutputKind.Key
            ? new SchemaShape.Column(c.Output, input.Kind, new KeyDataViewType(typeof(uint), 1), true) { KeyValuesType = input.ItemType }
            : new SchemaShape.Column(c.Output, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        return shape.With(output);
    });

    /// <inheritdoc />
    public OneHotEncodingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var columns = _columns.Select(c => KeyedColumn.Learn(input, c.Output, c.Input, _maximumNumberOfKeys, _ordinality, _keyData, $"OneHotEncoding('{c.Output}')")).ToArray();
        return new OneHotEncodingTransformer(columns, _kind);
    }
}
