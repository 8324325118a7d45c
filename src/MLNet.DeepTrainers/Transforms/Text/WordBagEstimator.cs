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

        /// <summary>
        /// The most n-grams kept: one limit for every length (ML.NET's one-item default), or one per length
        /// from 1 (the last one for longer n-grams); the first also limits the vocabulary.
        /// </summary>
        public int[] MaximumNgramsCount = [NgramExtractingEstimator.Defaults.MaximumNgramsCount];

        /// <summary>Term frequency, inverse document frequency, or their product.</summary>
        public NgramExtractingEstimator.WeightingCriteria Weighting = NgramExtractingEstimator.Defaults.Weighting;

        /// <summary>The settings these options give, or an error naming what this library cannot take.</summary>
        internal NgramSettings Settings(string user)
        {
            // As ML.NET: no limits is the default limit.
            int[] counts = MaximumNgramsCount is { Length: > 0 } given ? [.. given] : [NgramExtractingEstimator.Defaults.MaximumNgramsCount];
            return new NgramSettings(NgramLength, SkipLength, UseAllLengths, counts, Weighting).Checked(user);
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
