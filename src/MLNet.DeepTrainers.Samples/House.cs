namespace MLNet.DeepTrainers.Samples;

/// <summary>One Boston house: 13 features and the median value MEDV (in $1000s), as ML.NET's loader reads the CSV.</summary>
public sealed class House
{
    public static readonly string[] FeatureNames = ["CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT"];

    [LoadColumn(0)] public float CRIM;
    [LoadColumn(1)] public float ZN;
    [LoadColumn(2)] public float INDUS;
    [LoadColumn(3)] public float CHAS;
    [LoadColumn(4)] public float NOX;
    [LoadColumn(5)] public float RM;
    [LoadColumn(6)] public float AGE;
    [LoadColumn(7)] public float DIS;
    [LoadColumn(8)] public float RAD;
    [LoadColumn(9)] public float TAX;
    [LoadColumn(10)] public float PTRATIO;
    [LoadColumn(11)] public float B;
    [LoadColumn(12)] public float LSTAT;
    [LoadColumn(13)] public float MEDV;
}

/// <summary>What a regression model predicts for a house.</summary>
public sealed class HousePrediction
{
    public float Score;
}
