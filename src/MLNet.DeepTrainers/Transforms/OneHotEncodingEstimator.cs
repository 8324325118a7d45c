namespace MLNet.DeepTrainers.Transforms;

/// <summary>Learns the categories of a column and encodes each value as one-hot indicators, a key, or binary digits.</summary>
public sealed class OneHotEncodingEstimator : IEstimator<OneHotEncodingTransformer>
{
    /// <summary>How a category is written out.</summary>
    public enum OutputKind : byte
    {
        /// <summary>A vector of counts per category; for one value per row, the same as <see cref="Indicator"/>.</summary>
        Bag = 1,
        /// <summary>A vector with 1 in the category's slot and 0 elsewhere.</summary>
        Indicator = 2,
        /// <summary>The category's key (ordinal encoding).</summary>
        Key = 3,
        /// <summary>The key written in binary digits, most significant first: fewer slots than indicators.</summary>
        Binary = 4,
    }

    private readonly string _output;
    private readonly string _input;
    private readonly OutputKind _kind;
    private readonly int _maximumNumberOfKeys;
    private readonly ValueToKeyMappingEstimator.KeyOrdinality _ordinality;

    internal OneHotEncodingEstimator(string outputColumnName, string? inputColumnName, OutputKind outputKind, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality)
    {
        if (!Enum.IsDefined(outputKind))
            throw new ArgumentOutOfRangeException(nameof(outputKind), outputKind, "Use Bag, Indicator, Key or Binary.");
        if (maximumNumberOfKeys <= 0)
            throw new ArgumentOutOfRangeException(nameof(maximumNumberOfKeys), maximumNumberOfKeys, "The maximum number of keys must be positive.");
        _output = outputColumnName;
        _input = inputColumnName ?? outputColumnName;
        _kind = outputKind;
        _maximumNumberOfKeys = maximumNumberOfKeys;
        _ordinality = keyOrdinality;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var input = ValueToKeyMappingEstimator.CheckCategoryColumn(inputSchema, _input, $"OneHotEncoding('{_output}')");
        var output = _kind == OutputKind.Key
            ? new SchemaShape.Column(_output, SchemaShape.Column.VectorKind.Scalar, new KeyDataViewType(typeof(uint), 1), true) { KeyValuesType = input.ItemType }
            : new SchemaShape.Column(_output, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        return inputSchema.With(output);
    }

    /// <inheritdoc />
    public OneHotEncodingTransformer Fit(IDataView input)
    {
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var column = KeyedColumn.Learn(input, _output, _input, _maximumNumberOfKeys, _ordinality, $"OneHotEncoding('{_output}')");
        return new OneHotEncodingTransformer(column, _kind);
    }
}
