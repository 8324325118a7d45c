namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's n-gram options: how n-gram counts are weighted, and the defaults ProduceWordBags uses
/// (ML.NET's <c>NgramExtractingEstimator</c> also holds ProduceNgrams, over key vectors, which this
/// library does not have yet).
/// </summary>
public static class NgramExtractingEstimator
{
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
