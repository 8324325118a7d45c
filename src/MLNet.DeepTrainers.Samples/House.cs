using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Samples;

/// <summary>One row of boston_house_prices.csv: 13 features and the median value MEDV (in $1000s).</summary>
public sealed class House
{
    [LoadColumn(0)] public float CRIM { get; set; }
    [LoadColumn(1)] public float ZN { get; set; }
    [LoadColumn(2)] public float INDUS { get; set; }
    [LoadColumn(3)] public float CHAS { get; set; }
    [LoadColumn(4)] public float NOX { get; set; }
    [LoadColumn(5)] public float RM { get; set; }
    [LoadColumn(6)] public float AGE { get; set; }
    [LoadColumn(7)] public float DIS { get; set; }
    [LoadColumn(8)] public float RAD { get; set; }
    [LoadColumn(9)] public float TAX { get; set; }
    [LoadColumn(10)] public float PTRATIO { get; set; }
    [LoadColumn(11)] public float B { get; set; }
    [LoadColumn(12)] public float LSTAT { get; set; }
    [LoadColumn(13)] public float MEDV { get; set; }

    /// <summary>The feature column names, in file order.</summary>
    public static readonly string[] FeatureNames = ["CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT"];
}

/// <summary>A regression prediction.</summary>
public sealed class HousePrediction
{
    public float Score { get; set; }
}
