namespace MLNet.DeepTrainers.Transforms;

/// <summary>ML.NET's defaults for the normalizers, in one place.</summary>
internal static class NormalizerDefaults
{
    public const long MaximumExampleCount = 1000000000;
    public const bool FixZero = true;
    public const int MaximumBinCount = 1024;
}
