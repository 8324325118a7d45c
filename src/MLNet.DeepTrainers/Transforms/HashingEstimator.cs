namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Estimator for <see cref="HashingTransformer"/>. It learns only when a column keeps the values
/// behind its hashes (<see cref="ColumnOptions.MaximumNumberOfInverts"/> not 0); otherwise fitting
/// reads no data.
/// </summary>
public sealed class HashingEstimator : IEstimator<HashingTransformer>
{
    /// <summary>How one column is hashed, with ML.NET's defaults.</summary>
    public sealed class ColumnOptions
    {
        /// <summary>The output column.</summary>
        public readonly string Name;
        /// <summary>The input column.</summary>
        public readonly string InputColumnName;
        /// <summary>Keys are 1 to 2^NumberOfBits; from 1 to 31.</summary>
        public readonly int NumberOfBits;
        /// <summary>The hash seed.</summary>
        public readonly uint Seed;
        /// <summary>Whether an item's slot in a vector goes into its hash.</summary>
        public readonly bool UseOrderedHashing;
        /// <summary>How many distinct values to keep per hash as key values: 0 none, -1 all.</summary>
        public readonly int MaximumNumberOfInverts;
        /// <summary>Whether a vector's items hash together into one key instead of one key each.</summary>
        public readonly bool Combine;

        /// <summary>Options for hashing <paramref name="inputColumnName"/> (default <paramref name="name"/>) into <paramref name="name"/>.</summary>
        public ColumnOptions(string name, string? inputColumnName = null, int numberOfBits = HashDefaults.NumberOfBits, uint seed = HashDefaults.Seed,
            bool useOrderedHashing = HashDefaults.UseOrderedHashing, int maximumNumberOfInverts = HashDefaults.MaximumNumberOfInverts, bool combine = HashDefaults.Combine)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (numberOfBits < 1 || numberOfBits > 31)
                throw new ArgumentOutOfRangeException(nameof(numberOfBits), numberOfBits, $"Hash('{name}'): numberOfBits must be from 1 to 31.");
            // The kept values are listed per key, so the keys must fit a list's length (ML.NET: 1 to 30 bits).
            if (maximumNumberOfInverts != 0 && numberOfBits > HashColumn.MaximumInvertedBits)
                throw new ArgumentOutOfRangeException(nameof(numberOfBits), numberOfBits, $"Hash('{name}'): keeping the values behind each hash (maximumNumberOfInverts) needs numberOfBits from 1 to {HashColumn.MaximumInvertedBits}.");
            if (maximumNumberOfInverts < -1)
                throw new ArgumentOutOfRangeException(nameof(maximumNumberOfInverts), maximumNumberOfInverts, $"Hash('{name}'): maximumNumberOfInverts must be -1 (keep every value), 0 (none) or a positive limit.");
            // ML.NET refuses the first pair and ignores inverts when combining; here both are refused.
            if (combine && useOrderedHashing)
                throw new ArgumentException($"Hash('{name}'): combine hashes a vector's items together, so it cannot also hash each item's slot (useOrderedHashing).");
            if (combine && maximumNumberOfInverts != 0)
                throw new ArgumentException($"Hash('{name}'): combine keeps no values behind a key; set maximumNumberOfInverts to 0.");
            Name = name;
            InputColumnName = inputColumnName ?? name;
            Combine = combine;
            NumberOfBits = numberOfBits;
            Seed = seed;
            UseOrderedHashing = useOrderedHashing;
            MaximumNumberOfInverts = maximumNumberOfInverts;
        }
    }

    private readonly ColumnOptions[] _columns;

    internal HashingEstimator(ColumnOptions[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        InputOutputColumnPair.Check(columns.Select(c => new InputOutputColumnPair(c.Name, c.InputColumnName)).ToArray(), "Hash");
        _columns = columns;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _columns.Aggregate(inputSchema, (shape, c) =>
    {
        var input = inputSchema.Require(c.InputColumnName, $"Hash('{c.Name}')", i => i.ItemType is PrimitiveDataViewType item && ValueHash.CanHash(item), HashColumn.Hashable);
        var key = new KeyDataViewType(typeof(uint), 1UL << c.NumberOfBits);
        return shape.With(new SchemaShape.Column(c.Name, input.Kind, key, true) { KeyValuesType = c.MaximumNumberOfInverts != 0 ? TextDataViewType.Instance : null });
    });

    /// <inheritdoc />
    public HashingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var columns = _columns.Select(c => HashColumn.Of(c, input.Schema)).ToArray();
        return new HashingTransformer(columns.Select((c, i) => _columns[i].MaximumNumberOfInverts == 0 ? c : c.WithInverts(input, _columns[i].MaximumNumberOfInverts)).ToArray());
    }
}
