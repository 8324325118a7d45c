using MLNet.DeepTrainers.Transforms.Text;

namespace MLNet.DeepTrainers;

// The text transforms' part of the catalog (documented in TransformsCatalog.cs).
public sealed partial class TransformsCatalog
{
    /// <summary>The text transforms: <c>ml.Transforms.Text</c>.</summary>
    public TextTransforms Text { get; } = new();

    /// <summary>Text transforms, as ML.NET's <c>TransformsCatalog.TextTransforms</c>.</summary>
    public sealed class TextTransforms
    {
        internal TextTransforms() { }

        /// <summary>
        /// Changes the case of text and removes diacritics, punctuation and numbers as asked (ML.NET's
        /// defaults: lower case, diacritics removed, punctuation and numbers kept).
        /// </summary>
        public TextNormalizingEstimator NormalizeText(string outputColumnName, string? inputColumnName = null,
            TextNormalizingEstimator.CaseMode caseMode = TextNormalizingEstimator.Defaults.Case,
            bool keepDiacritics = TextNormalizingEstimator.Defaults.KeepDiacritics,
            bool keepPunctuations = TextNormalizingEstimator.Defaults.KeepPunctuations,
            bool keepNumbers = TextNormalizingEstimator.Defaults.KeepNumbers) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, caseMode, keepDiacritics, keepPunctuations, keepNumbers);

        /// <summary>
        /// Text to a vector of normalized n-gram counts with ML.NET's defaults: lower case without
        /// diacritics, words and character 3-grams, each bag scaled to unit L2 norm.
        /// </summary>
        public TextFeaturizingEstimator FeaturizeText(string outputColumnName, string? inputColumnName = null) =>
            new(Name(outputColumnName), [inputColumnName ?? outputColumnName], null);

        /// <summary>FeaturizeText with every option, over one or more text columns (none: the output column's name).</summary>
        public TextFeaturizingEstimator FeaturizeText(string outputColumnName, TextFeaturizingEstimator.Options options, params string[] inputColumnNames) =>
            new(Name(outputColumnName), inputColumnNames ?? [], options ?? throw new ArgumentNullException(nameof(options)));

        /// <summary>Splits text into words at the separators (default: the space).</summary>
        public WordTokenizingEstimator TokenizeIntoWords(string outputColumnName, string? inputColumnName = null, char[]? separators = null) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, separators ?? WordTokenizingEstimator.DefaultSeparators);

        /// <summary>
        /// Splits text into words at spaces and counts its n-grams: one slot per n-gram the training rows
        /// have (ML.NET's defaults: n-grams of 1 and 2 words, no skips, at most 10,000,000 per length,
        /// term frequencies). <paramref name="skipLength"/> lets an n-gram skip up to that many words in all.
        /// </summary>
        public WordBagEstimator ProduceWordBags(string outputColumnName, string? inputColumnName = null,
            int ngramLength = NgramExtractingEstimator.Defaults.NgramLength,
            int skipLength = NgramExtractingEstimator.Defaults.SkipLength,
            bool useAllLengths = NgramExtractingEstimator.Defaults.UseAllLengths,
            int maximumNgramsCount = NgramExtractingEstimator.Defaults.MaximumNgramsCount,
            NgramExtractingEstimator.WeightingCriteria weighting = NgramExtractingEstimator.Defaults.Weighting) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, new NgramSettings(ngramLength, skipLength, useAllLengths, [maximumNgramsCount], weighting));

        /// <summary>
        /// Splits text into its characters as keys (a character's key is its UTF-16 code; key values name
        /// it), by default between the markers 0x02 and 0x03, as ML.NET does; for character-level networks.
        /// </summary>
        public TokenizingByCharactersEstimator TokenizeIntoCharactersAsKeys(string outputColumnName, string? inputColumnName = null,
            bool useMarkerCharacters = TokenizingByCharactersEstimator.DefaultUseMarkerCharacters) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, useMarkerCharacters);

        /// <summary>
        /// Splits text into words at spaces and counts each n-gram in the slot its hash gives, in a vector
        /// of 2^<paramref name="numberOfBits"/> counts (ML.NET's defaults: 16 bits, 1- and 2-grams, ordered
        /// hashing). Nothing is learned: unseen words count too. <paramref name="maximumNumberOfInverts"/>
        /// other than 0 names each slot after the n-grams met in it when fitting (at most that many; -1: all).
        /// </summary>
        public WordHashBagEstimator ProduceHashedWordBags(string outputColumnName, string? inputColumnName = null,
            int numberOfBits = WordHashBagEstimator.Defaults.NumberOfBits,
            int ngramLength = NgramExtractingEstimator.Defaults.NgramLength,
            int skipLength = NgramExtractingEstimator.Defaults.SkipLength,
            bool useAllLengths = NgramExtractingEstimator.Defaults.UseAllLengths,
            uint seed = WordHashBagEstimator.Defaults.Seed,
            bool useOrderedHashing = WordHashBagEstimator.Defaults.UseOrderedHashing,
            int maximumNumberOfInverts = WordHashBagEstimator.Defaults.MaximumNumberOfInverts) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, numberOfBits, ngramLength, skipLength, useAllLengths, seed, useOrderedHashing, maximumNumberOfInverts);

        /// <summary>Drops the language's stop words (ML.NET's lists; default English) from a vector of words, ignoring case.</summary>
        public StopWordsRemovingEstimator RemoveDefaultStopWords(string outputColumnName, string? inputColumnName = null,
            StopWordsRemovingEstimator.Language language = StopWordsRemovingEstimator.DefaultLanguage) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, language);

        /// <summary>Drops the given stop words from a vector of words, ignoring case (ML.NET's RemoveStopWords).</summary>
        public CustomStopWordsRemovingEstimator RemoveStopWords(string outputColumnName, string? inputColumnName = null, params string[] stopwords) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, stopwords);

        /// <summary>
        /// Counts the n-grams of a vector of keys (words through MapValueToKey): one slot per n-gram the
        /// training rows have, with ProduceWordBags's options and ML.NET's defaults.
        /// </summary>
        public NgramExtractingEstimator ProduceNgrams(string outputColumnName, string? inputColumnName = null,
            int ngramLength = NgramExtractingEstimator.Defaults.NgramLength,
            int skipLength = NgramExtractingEstimator.Defaults.SkipLength,
            bool useAllLengths = NgramExtractingEstimator.Defaults.UseAllLengths,
            int maximumNgramsCount = NgramExtractingEstimator.Defaults.MaximumNgramsCount,
            NgramExtractingEstimator.WeightingCriteria weighting = NgramExtractingEstimator.Defaults.Weighting) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, new NgramSettings(ngramLength, skipLength, useAllLengths, [maximumNgramsCount], weighting));

        /// <summary>
        /// Gives a vector of keys (token indices) exactly <paramref name="length"/> items, as Keras's
        /// pad_sequences: key 0 pads, a longer sequence is cut; by default both at the start, so the last
        /// tokens are kept next to the end. Beyond ML.NET, for an Embedding's input.
        /// </summary>
        public SequencePaddingEstimator PadSequences(string outputColumnName, int length, string? inputColumnName = null,
            SequencePaddingEstimator.Side padding = SequencePaddingEstimator.Side.Pre,
            SequencePaddingEstimator.Side truncating = SequencePaddingEstimator.Side.Pre) =>
            new(Name(outputColumnName), inputColumnName ?? outputColumnName, length, padding, truncating);

        private static string Name(string outputColumnName) =>
            string.IsNullOrEmpty(outputColumnName) ? throw new ArgumentException("The output column needs a name.", nameof(outputColumnName)) : outputColumnName;
    }
}
