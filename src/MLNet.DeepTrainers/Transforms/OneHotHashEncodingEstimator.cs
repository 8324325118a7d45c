using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// One-hot encoding through a hash, as ML.NET's: each value (each item of a vector) is hashed to a
/// key of 2^numberOfBits (<see cref="HashingEstimator"/>), then written as <see cref="OutputKind"/>.
/// Nothing is learned unless the values behind each hash are kept (maximumNumberOfInverts), so values
/// never seen in fitting still get their own slot.
/// </summary>
public sealed class OneHotHashEncodingEstimator : IEstimator<OneHotHashEncodingTransformer>
{
    /// <summary>How one column is hashed and encoded, with ML.NET's defaults (a bag of 2^16 slots, ordered hashing).</summary>
    public sealed class ColumnOptions
    {
        /// <summary>How the column is hashed.</summary>
        public readonly HashingEstimator.ColumnOptions HashingOptions;
        /// <summary>How a key is written out.</summary>
        public readonly OutputKind OutputKind;

        /// <summary>Options for encoding <paramref name="inputColumnName"/> (default <paramref name="name"/>) into <paramref name="name"/>.</summary>
        public ColumnOptions(string name, string? inputColumnName = null, OutputKind outputKind = OneHotHashDefaults.OutputKind,
            int numberOfBits = OneHotHashDefaults.NumberOfBits, uint seed = HashDefaults.Seed, bool useOrderedHashing = OneHotHashDefaults.UseOrderedHashing,
            int maximumNumberOfInverts = HashDefaults.MaximumNumberOfInverts)
        {
            if (!Enum.IsDefined(outputKind))
                throw new ArgumentOutOfRangeException(nameof(outputKind), outputKind, $"OneHotHashEncoding('{name}'): use Bag, Indicator, Key or Binary.");
            HashingOptions = new(name, inputColumnName, numberOfBits, seed, useOrderedHashing, maximumNumberOfInverts);
            OutputKind = outputKind;
        }
    }

    private readonly ColumnOptions[] _columns;
    private readonly HashingEstimator _hash;

    internal OneHotHashEncodingEstimator(ColumnOptions[] columns)
    {
        _hash = new HashingEstimator(columns.Select(c => c.HashingOptions).ToArray());
        _columns = columns;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var hashed = _hash.GetOutputSchema(inputSchema);
        return hashed.With(_columns.Where(c => c.OutputKind != OutputKind.Key)
            .Select(c => new SchemaShape.Column(c.HashingOptions.Name, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false)).ToArray());
    }

    /// <inheritdoc />
    public OneHotHashEncodingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new OneHotHashEncodingTransformer(_hash.Fit(input).Columns, _columns.Select(c => c.OutputKind).ToArray());
        // Checked now, not at the first read: a variable-size input or too many slots.
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }
}
