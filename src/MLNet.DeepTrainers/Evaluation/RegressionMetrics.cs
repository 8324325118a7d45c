namespace MLNet.DeepTrainers.Data;

/// <summary>How close regression scores are to the labels.</summary>
public sealed class RegressionMetrics
{
    internal RegressionMetrics(double meanAbsoluteError, double meanSquaredError, double rSquared)
    {
        MeanAbsoluteError = meanAbsoluteError;
        MeanSquaredError = meanSquaredError;
        RootMeanSquaredError = Math.Sqrt(meanSquaredError);
        LossFunction = meanSquaredError;
        RSquared = rSquared;
    }

    /// <summary>The mean of |label - score|.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>The mean of (label - score)².</summary>
    public double MeanSquaredError { get; }

    /// <summary>The square root of <see cref="MeanSquaredError"/>.</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>The mean loss; with ML.NET's default squared loss, the same as <see cref="MeanSquaredError"/>.</summary>
    public double LossFunction { get; }

    /// <summary>The coefficient of determination: 1 - SS(residual) / SS(label around its mean).</summary>
    public double RSquared { get; }
}
