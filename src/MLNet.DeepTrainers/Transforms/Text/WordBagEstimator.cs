namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// Estimator for <see cref="WordBagTransformer"/>: learns the vocabulary and the n-grams (and their
/// document frequencies for Idf weighting) from the training rows' words.
/// </summary>
public sealed class WordBagEstimator : IEstimator<WordBagTransformer>
{
    private readonly string _output;
    private readonly string _input;
    private readonly NgramSettings _settings;

    internal WordBagEstimator(string outputColumnName, string inputColumnName, NgramSettings settings)
    {
        _output = outputColumnName;
        _input = inputColumnName;
        _settings = settings.Checked(User);
    }

    private string User => $"ProduceWordBags('{_output}')";

    /// <summary>The n-grams FeaturizeText counts, as ML.NET's options (its defaults: 1- and 2-grams, no skips, term frequencies).</summary>
    public sealed class Options
    {
        /// <summary>The longest n-gram, in tokens.</summary>
        public int NgramLength = 2;

        /// <summary>How many tokens an n-gram may skip in all.</summary>
        public int SkipLength = NgramExtractingEstimator.Defaults.SkipLength;

        /// <summary>Whether every length up to <see cref="NgramLength"/> counts, or that length only.</summary>
        public bool UseAllLengths = NgramExtractingEstimator.Defaults.UseAllLengths;

        /// <summary>The most n-grams kept: one limit for every length (ML.NET's one-item default), or one per length.</summary>
        public int[] MaximumNgramsCount = [NgramExtractingEstimator.Defaults.MaximumNgramsCount];

        /// <summary>Term frequency, inverse document frequency, or their product.</summary>
        public NgramExtractingEstimator.WeightingCriteria Weighting = NgramExtractingEstimator.Defaults.Weighting;

        /// <summary>The settings these options give, or an error naming what this library cannot take.</summary>
        internal NgramSettings Settings(string user)
        {
            var counts = MaximumNgramsCount ?? [];
            if (counts.Length == 0 || counts.Distinct().Count() > 1)
                throw new ArgumentOutOfRangeException(nameof(MaximumNgramsCount), $"{user}: MaximumNgramsCount needs one limit for every n-gram length (different limits per length are not supported here).");
            return new NgramSettings(NgramLength, SkipLength, UseAllLengths, counts[0], Weighting).Checked(user);
        }
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.Require(_input, User, c => c.ItemType is TextDataViewType, "text or a vector of text");
        return inputSchema.With(new SchemaShape.Column(_output, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false));
    }

    /// <inheritdoc />
    public WordBagTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = TextColumns.Input(input.Schema, _input, User);
        var pool = NgramPool.Learn(_settings, WordBagTransformer.Rows(input, column));
        if (pool.Count == 0)
            throw new InvalidOperationException($"{User}: the training rows of column '{_input}' have no words, so the bag would have no slots; check the column holds the text.");
        return new WordBagTransformer(_output, _input, pool);
    }
}
