namespace MLNet.DeepTrainers.Transforms;

/// <summary>What a normalizer learns from a column (one per catalog method).</summary>
internal enum NormalizerMode
{
    MinMax,
    MeanVariance,
    LogMeanVariance,
    Binning,
}
