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
