namespace MLNet.DeepTrainers.Transforms;

/// <summary>ML.NET's defaults for OneHotHashEncoding where they differ from Hash's (OneHotHashEncodingEstimator.Defaults).</summary>
internal static class OneHotHashDefaults
{
    public const int NumberOfBits = 16;
    public const bool UseOrderedHashing = true;
    // The column options' default; the catalog methods default to Indicator.
    public const OneHotEncodingEstimator.OutputKind OutputKind = OneHotEncodingEstimator.OutputKind.Bag;
}
