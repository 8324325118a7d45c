namespace MLNet.DeepTrainers.Transforms;

/// <summary>ML.NET's defaults for Hash (HashingEstimator.Defaults).</summary>
internal static class HashDefaults
{
    public const int NumberOfBits = 31;
    public const uint Seed = 314489979;
    public const bool UseOrderedHashing = false;
    public const bool Combine = false;
    public const int MaximumNumberOfInverts = 0;
}
