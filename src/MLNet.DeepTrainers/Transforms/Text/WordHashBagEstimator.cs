namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="WordHashBagTransformer"/> (ProduceHashedWordBags): nothing to learn.</summary>
public sealed class WordHashBagEstimator : TrivialEstimator<WordHashBagTransformer>
{
    /// <summary>ML.NET's defaults.</summary>
    internal static class Defaults
    {
        public const int NumberOfBits = 16;
        public const uint Seed = 314489979;
        public const bool UseOrderedHashing = true;
    }

    internal WordHashBagEstimator(string outputColumnName, string inputColumnName, int numberOfBits, int ngramLength, int skipLength, bool useAllLengths, uint seed, bool useOrderedHashing)
        : base(new WordHashBagTransformer(outputColumnName, inputColumnName, numberOfBits, new NgramSettings(ngramLength, skipLength, useAllLengths, [int.MaxValue], NgramExtractingEstimator.WeightingCriteria.Tf), seed, useOrderedHashing)) { }
}
