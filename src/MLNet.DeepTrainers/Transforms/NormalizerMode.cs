namespace MLNet.DeepTrainers.Transforms;

/// <summary>How a normalizer learns its affine map.</summary>
internal enum NormalizerMode
{
    /// <summary>From each slot's minimum and maximum.</summary>
    MinMax,
    /// <summary>From each slot's mean and variance.</summary>
    MeanVariance,
}
