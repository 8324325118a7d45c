using static MLNet.DeepTrainers.Transforms.Text.NgramExtractingEstimator;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>What a bag of n-grams counts: n-grams of up to (or, without all lengths, exactly) NgramLength words, with up to SkipLength words skipped inside one.</summary>
internal sealed record NgramSettings(int NgramLength, int SkipLength, bool UseAllLengths, int MaximumNgramsCount, WeightingCriteria Weighting)
{
    // ML.NET's bound: an n-gram and its skips span at most 10 words.
    public const int MaximumSpan = 10;

    /// <summary>The settings, or an error naming the one that is out of range.</summary>
    public NgramSettings Checked(string user)
    {
        if (NgramLength < 1 || SkipLength < 0 || NgramLength + SkipLength > MaximumSpan)
            throw new ArgumentOutOfRangeException(nameof(NgramLength), $"{user}: ngramLength {NgramLength} and skipLength {SkipLength} must be at least 1 and 0 and add up to at most {MaximumSpan}.");
        if (MaximumNgramsCount < 1)
            throw new ArgumentOutOfRangeException(nameof(MaximumNgramsCount), MaximumNgramsCount, $"{user}: maximumNgramsCount must be positive.");
        if (!Enum.IsDefined(Weighting))
            throw new ArgumentOutOfRangeException(nameof(Weighting), Weighting, $"{user}: use WeightingCriteria.Tf, Idf or TfIdf.");
        return this;
    }

    public bool NeedsIdf => Weighting != WeightingCriteria.Tf;

    /// <summary>How many n-grams of <paramref name="length"/> words the pool may hold: all lengths up to NgramLength, or NgramLength alone.</summary>
    public int Limit(int length) => UseAllLengths || length == NgramLength ? MaximumNgramsCount : 0;
}
