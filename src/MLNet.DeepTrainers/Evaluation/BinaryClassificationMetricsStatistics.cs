namespace MLNet.DeepTrainers.Data;

/// <summary>Statistics of the change of each binary metric over the permutations of one feature.</summary>
public sealed class BinaryClassificationMetricsStatistics
{
    internal BinaryClassificationMetricsStatistics(BinaryClassificationMetrics baseline, IReadOnlyList<BinaryClassificationMetrics> permuted)
    {
        AreaUnderRocCurve = MetricStatistics.Of(baseline, permuted, m => m.AreaUnderRocCurve);
        Accuracy = MetricStatistics.Of(baseline, permuted, m => m.Accuracy);
        PositivePrecision = MetricStatistics.Of(baseline, permuted, m => m.PositivePrecision);
        PositiveRecall = MetricStatistics.Of(baseline, permuted, m => m.PositiveRecall);
        NegativePrecision = MetricStatistics.Of(baseline, permuted, m => m.NegativePrecision);
        NegativeRecall = MetricStatistics.Of(baseline, permuted, m => m.NegativeRecall);
        F1Score = MetricStatistics.Of(baseline, permuted, m => m.F1Score);
        AreaUnderPrecisionRecallCurve = MetricStatistics.Of(baseline, permuted, m => m.AreaUnderPrecisionRecallCurve);
    }

    /// <summary>The change in AUC.</summary>
    public MetricStatistics AreaUnderRocCurve { get; }

    /// <summary>The change in accuracy.</summary>
    public MetricStatistics Accuracy { get; }

    /// <summary>The change in positive precision.</summary>
    public MetricStatistics PositivePrecision { get; }

    /// <summary>The change in positive recall.</summary>
    public MetricStatistics PositiveRecall { get; }

    /// <summary>The change in negative precision.</summary>
    public MetricStatistics NegativePrecision { get; }

    /// <summary>The change in negative recall.</summary>
    public MetricStatistics NegativeRecall { get; }

    /// <summary>The change in F1.</summary>
    public MetricStatistics F1Score { get; }

    /// <summary>The change in the area under the precision-recall curve.</summary>
    public MetricStatistics AreaUnderPrecisionRecallCurve { get; }
}
