namespace MLNet.DeepTrainers.Data;

/// <summary>Statistics of the change of each regression metric over the permutations of one feature.</summary>
public sealed class RegressionMetricsStatistics
{
    internal RegressionMetricsStatistics(RegressionMetrics baseline, IReadOnlyList<RegressionMetrics> permuted)
    {
        MeanAbsoluteError = MetricStatistics.Of(baseline, permuted, m => m.MeanAbsoluteError);
        MeanSquaredError = MetricStatistics.Of(baseline, permuted, m => m.MeanSquaredError);
        RootMeanSquaredError = MetricStatistics.Of(baseline, permuted, m => m.RootMeanSquaredError);
        LossFunction = MetricStatistics.Of(baseline, permuted, m => m.LossFunction);
        RSquared = MetricStatistics.Of(baseline, permuted, m => m.RSquared);
    }

    /// <summary>The change in mean absolute error.</summary>
    public MetricStatistics MeanAbsoluteError { get; }

    /// <summary>The change in mean squared error.</summary>
    public MetricStatistics MeanSquaredError { get; }

    /// <summary>The change in root mean squared error.</summary>
    public MetricStatistics RootMeanSquaredError { get; }

    /// <summary>The change in the loss.</summary>
    public MetricStatistics LossFunction { get; }

    /// <summary>The change in R².</summary>
    public MetricStatistics RSquared { get; }
}
