namespace MLNet.DeepTrainers.Data;

/// <summary>
/// How close regression scores are to the labels. For a vector label each metric is the mean of the
/// per-slot metrics (scikit-learn's <c>multioutput='uniform_average'</c>).
/// </summary>
public sealed class RegressionMetrics
{
    internal RegressionMetrics(double meanAbsoluteError, double meanSquaredError, double rootMeanSquaredError, double rSquared)
    {
        MeanAbsoluteError = meanAbsoluteError;
        MeanSquaredError = meanSquaredError;
        RootMeanSquaredError = rootMeanSquaredError;
        LossFunction = meanSquaredError;
        RSquared = rSquared;
    }

    /// <summary>The mean of |label - score|.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>The mean of (label - score)².</summary>
    public double MeanSquaredError { get; }

    /// <summary>The square root of <see cref="MeanSquaredError"/> (for a vector label, the mean of each slot's).</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>The mean loss; with ML.NET's default squared loss, the same as <see cref="MeanSquaredError"/>.</summary>
    public double LossFunction { get; }

    /// <summary>The coefficient of determination: 1 - SS(residual) / SS(label around its mean).</summary>
    public double RSquared { get; }
}
