using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Samples;

/// <summary>One row of wine.csv: 13 chemical measurements and the cultivar (class_0, class_1, class_2).</summary>
public sealed class Wine
{
    [LoadColumn(0, 12)] public float[] Features { get; set; } = [];
    [LoadColumn(13)] public string Class { get; set; } = "";
}
