using static MLNet.DeepTrainers.Transforms.Text.NgramExtractingEstimator;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// What a bag of n-grams counts: n-grams of up to (or, without all lengths, exactly) NgramLength words,
/// with up to SkipLength words skipped inside one, at most MaximumNgramsCounts of each length (ML.NET's
/// list: one limit for every length, or one per length from 1 with the last repeated for longer ones).
/// </summary>
internal sealed record NgramSettings(int NgramLength, int SkipLength, bool UseAllLengths, int[] MaximumNgramsCounts, WeightingCriteria Weighting)
{
    // ML.NET's bound: an n-gram and its skips span at most 10 words.
    public const int MaximumSpan = 10;

    /// <summary>The settings, or an error naming the one that is out of range.</summary>
    public NgramSettings Checked(string user)
    {
        if (NgramLength < 1 || SkipLength < 0 || NgramLength + SkipLength > MaximumSpan)
            throw new ArgumentOutOfRangeException(nameof(NgramLength), $"{user}: ngramLength {NgramLength} and skipLength {SkipLength} must be at least 1 and 0 and add up to at most {MaximumSpan}.");
        var counts = MaximumNgramsCounts ?? [];
        if (UseAllLengths && (counts.Length == 0 || counts.Length > NgramLength || counts.Any(c => c < 0) || counts[^1] < 1))
            throw new ArgumentOutOfRangeException(nameof(MaximumNgramsCounts), $"{user}: maximumNgramsCount needs one limit for every length, or one per length up to ngramLength {NgramLength} (none negative, the last positive); it has [{string.Join(", ", counts)}].");
        if (!UseAllLengths && (counts.Length != 1 || counts[0] < 1))
            throw new ArgumentOutOfRangeException(nameof(MaximumNgramsCounts), $"{user}: without useAllLengths only n-grams of {NgramLength} words count, so maximumNgramsCount takes one positive limit; it has [{string.Join(", ", counts)}].");
        if (!Enum.IsDefined(Weighting))
            throw new ArgumentOutOfRangeException(nameof(Weighting), Weighting, $"{user}: use WeightingCriteria.Tf, Idf or TfIdf.");
        return this;
    }

    public bool NeedsIdf => Weighting != WeightingCriteria.Tf;

    /// <summary>How many n-grams of <paramref name="length"/> words the pool may hold.</summary>
    public int Limit(int length) => UseAllLengths
        ? MaximumNgramsCounts[Math.Min(length, MaximumNgramsCounts.Length) - 1]
        : length == NgramLength ? MaximumNgramsCounts[0] : 0;

    /// <summary>How many words a bag of words numbers (ML.NET's term dictionary takes the first limit); later words are "*".</summary>
    public int VocabularyLimit => MaximumNgramsCounts[0];
}
