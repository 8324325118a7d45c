namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// Estimator for <see cref="NgramExtractingTransformer"/> (ProduceNgrams): learns the n-grams of a
/// vector of keys, and their document frequencies for Idf weighting. Also the home of the weighting
/// criteria and the defaults ProduceWordBags shares, as in ML.NET.
/// </summary>
public sealed class NgramExtractingEstimator : IEstimator<NgramExtractingTransformer>
{
    private readonly string _output;
    private readonly string _input;
    private readonly NgramSettings _settings;

    internal NgramExtractingEstimator(string outputColumnName, string inputColumnName, NgramSettings settings)
    {
        _output = outputColumnName;
        _input = inputColumnName;
        _settings = settings.Checked(User);
    }

    private string User => $"ProduceNgrams('{_output}')";

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.Require(_input, User, c => c.IsKey && c.Kind != SchemaShape.Column.VectorKind.Scalar, "a vector of keys (MapValueToKey of words)");
        return inputSchema.With(new SchemaShape.Column(_output, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false));
    }

    /// <inheritdoc />
    public NgramExtractingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = NgramExtractingTransformer.KeyColumn(input.Schema, _input, User);
        var names = ValueText.Of(column.Annotations.KeyValues!);
        var pool = NgramPool.LearnFromKeys(_settings, input.GetColumn<uint[]>(column.Name), names);
        if (pool.Count == 0)
            throw new InvalidOperationException($"{User}: the training rows of column '{_input}' have no keys, so the bag would have no slots.");
        return new NgramExtractingTransformer(_output, _input, pool);
    }

    /// <summary>How a bag's n-gram counts are weighted.</summary>
    public enum WeightingCriteria
    {
        /// <summary>Term frequency: how many times the n-gram occurs in the row.</summary>
        Tf = 0,

        /// <summary>Inverse document frequency, ln(rows / rows with the n-gram) learned at fit time, where the n-gram occurs.</summary>
        Idf = 1,

        /// <summary>The product of the two.</summary>
        TfIdf = 2,
    }

    /// <summary>ML.NET's defaults.</summary>
    internal static class Defaults
    {
        public const int NgramLength = 2;
        public const int SkipLength = 0;
        public const bool UseAllLengths = true;
        public const int MaximumNgramsCount = 10_000_000;
        public const WeightingCriteria Weighting = WeightingCriteria.Tf;
    }
}
