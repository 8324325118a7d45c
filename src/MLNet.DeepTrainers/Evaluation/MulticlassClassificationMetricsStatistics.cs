namespace MLNet.DeepTrainers.Data;

/// <summary>Statistics of the change of each multiclass metric over the permutations of one feature.</summary>
public sealed class MulticlassClassificationMetricsStatistics
{
    internal MulticlassClassificationMetricsStatistics(MulticlassClassificationMetrics baseline, IReadOnlyList<MulticlassClassificationMetrics> permuted)
    {
        MacroAccuracy = MetricStatistics.Of(baseline, permuted, m => m.MacroAccuracy);
        MicroAccuracy = MetricStatistics.Of(baseline, permuted, m => m.MicroAccuracy);
        LogLoss = MetricStatistics.Of(baseline, permuted, m => m.LogLoss);
        LogLossReduction = MetricStatistics.Of(baseline, permuted, m => m.LogLossReduction);
        TopKAccuracy = MetricStatistics.Of(baseline, permuted, m => m.TopKAccuracy);
        PerClassLogLoss = Enumerable.Range(0, baseline.PerClassLogLoss.Count).Select(c => MetricStatistics.Of(baseline, permuted, m => m.PerClassLogLoss[c])).ToArray();
    }

    /// <summary>The change in macro accuracy.</summary>
    public MetricStatistics MacroAccuracy { get; }

    /// <summary>The change in micro accuracy.</summary>
    public MetricStatistics MicroAccuracy { get; }

    /// <summary>The change in log-loss.</summary>
    public MetricStatistics LogLoss { get; }

    /// <summary>The change in log-loss reduction.</summary>
    public MetricStatistics LogLossReduction { get; }

    /// <summary>The change in top-k accuracy.</summary>
    public MetricStatistics TopKAccuracy { get; }

    /// <summary>The change in each class's log-loss.</summary>
    public IReadOnlyList<MetricStatistics> PerClassLogLoss { get; }
}
