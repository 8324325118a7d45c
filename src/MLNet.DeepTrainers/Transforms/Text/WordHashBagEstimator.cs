namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// Estimator for <see cref="WordHashBagTransformer"/> (ProduceHashedWordBags): nothing to learn but,
/// with <c>maximumNumberOfInverts</c> other than 0, the n-grams that name each slot.
/// </summary>
public sealed class WordHashBagEstimator : IEstimator<WordHashBagTransformer>
{
    /// <summary>ML.NET's defaults.</summary>
    internal static class Defaults
    {
        public const int NumberOfBits = 16;
        public const uint Seed = 314489979;
        public const bool UseOrderedHashing = true;
        public const int MaximumNumberOfInverts = 0;
    }

    private readonly WordHashBagTransformer _transformer;
    private readonly int _maximumNumberOfInverts;

    internal WordHashBagEstimator(string outputColumnName, string inputColumnName, int numberOfBits, int ngramLength, int skipLength, bool useAllLengths, uint seed, bool useOrderedHashing,
        int maximumNumberOfInverts)
    {
        if (maximumNumberOfInverts < -1)
            throw new ArgumentOutOfRangeException(nameof(maximumNumberOfInverts), maximumNumberOfInverts, $"ProduceHashedWordBags('{outputColumnName}'): maximumNumberOfInverts must be -1 (name each slot after every n-gram met in it), 0 (no slot names) or a positive limit.");
        _transformer = new WordHashBagTransformer(outputColumnName, inputColumnName, numberOfBits,
            new NgramSettings(ngramLength, skipLength, useAllLengths, [int.MaxValue], NgramExtractingEstimator.WeightingCriteria.Tf), seed, useOrderedHashing);
        _maximumNumberOfInverts = maximumNumberOfInverts;
    }

    /// <inheritdoc />
    public WordHashBagTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _maximumNumberOfInverts == 0 ? _transformer : _transformer.WithSlotNames(input, _maximumNumberOfInverts);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Create(_transformer.GetOutputSchema(TrivialEstimator<WordHashBagTransformer>.ShapeToSchema(inputSchema)));
}
