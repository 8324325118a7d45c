namespace MLNet.DeepTrainers.Transforms;

/// <summary>One column a <see cref="NormalizingEstimator"/> normalizes, and how (the catalog method's arguments).</summary>
internal sealed record NormalizerColumn(string Output, string Input, NormalizerMode Mode, long MaximumExampleCount, bool FixZero, bool UseCdf = false, int MaximumBinCount = 0)
{
    /// <summary>The columns of a catalog call: one per pair, with the arguments checked once.</summary>
    public static NormalizerColumn[] Of(IReadOnlyList<(string Output, string Input)> columns, NormalizerMode mode, long maximumExampleCount, bool fixZero, bool useCdf = false, int maximumBinCount = 0)
    {
        if (maximumExampleCount <= 1)
            throw new ArgumentOutOfRangeException(nameof(maximumExampleCount), maximumExampleCount, "A normalizer needs more than one example to learn from.");
        if (mode == NormalizerMode.Binning && maximumBinCount < 2)
            throw new ArgumentOutOfRangeException(nameof(maximumBinCount), maximumBinCount, "Binning needs at least 2 bins.");
        return columns.Select(c => new NormalizerColumn(c.Output, c.Input, mode, maximumExampleCount, fixZero, useCdf, maximumBinCount)).ToArray();
    }

    public string User => $"Normalize{Mode}('{Output}')";

    public SlotSample NewSample(int width) => new(width, useLog: Mode == NormalizerMode.LogMeanVariance, keepValues: Mode == NormalizerMode.Binning);

    public ColumnFunction Learn(SlotSample sample) => Mode switch
    {
        NormalizerMode.MinMax => AffineColumnFunction.MinMax(sample, FixZero),
        NormalizerMode.MeanVariance or NormalizerMode.LogMeanVariance when UseCdf => CdfColumnFunction.Learn(sample, useLog: Mode == NormalizerMode.LogMeanVariance),
        // Without the CDF, ML.NET's log normalizer applies the affine map of the logarithms' statistics to x itself.
        NormalizerMode.MeanVariance or NormalizerMode.LogMeanVariance => AffineColumnFunction.MeanVariance(sample, FixZero),
        _ => BinColumnFunction.Learn(sample, MaximumBinCount, FixZero),
    };
}
