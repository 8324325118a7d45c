namespace MLNet.DeepTrainers;

/// <summary>
/// The metrics of a multi-label classifier, each as scikit-learn computes it from the true and predicted
/// label sets (<c>hamming_loss</c>, <c>accuracy_score</c>, <c>precision_score</c>, <c>recall_score</c>,
/// <c>f1_score</c> with <c>average="micro"</c> and <c>"macro"</c>, and per label): where a ratio has no
/// denominator it is 0, scikit-learn's default.
/// </summary>
public sealed class MultiLabelClassificationMetrics
{
    private MultiLabelClassificationMetrics(long rows, double hammingLoss, double subsetAccuracy, LabelMetrics micro, IReadOnlyList<LabelMetrics> perLabel)
    {
        Rows = rows;
        HammingLoss = hammingLoss;
        SubsetAccuracy = subsetAccuracy;
        MicroPrecision = micro.Precision;
        MicroRecall = micro.Recall;
        MicroF1Score = micro.F1Score;
        MacroPrecision = perLabel.Average(l => l.Precision);
        MacroRecall = perLabel.Average(l => l.Recall);
        MacroF1Score = perLabel.Average(l => l.F1Score);
        PerLabel = perLabel;
    }

    /// <summary>The number of rows evaluated.</summary>
    public long Rows { get; }

    /// <summary>The fraction of (row, label) pairs predicted wrong.</summary>
    public double HammingLoss { get; }

    /// <summary>The fraction of rows whose every label is predicted right (exact match).</summary>
    public double SubsetAccuracy { get; }

    /// <summary>Precision over all (row, label) pairs together.</summary>
    public double MicroPrecision { get; }

    /// <summary>Recall over all (row, label) pairs together.</summary>
    public double MicroRecall { get; }

    /// <summary>F1 of the micro precision and recall.</summary>
    public double MicroF1Score { get; }

    /// <summary>The mean of the labels' precisions.</summary>
    public double MacroPrecision { get; }

    /// <summary>The mean of the labels' recalls.</summary>
    public double MacroRecall { get; }

    /// <summary>The mean of the labels' F1 scores (not the F1 of the macro precision and recall, as in scikit-learn).</summary>
    public double MacroF1Score { get; }

    /// <summary>Each label's precision, recall, F1 and support, in the label column's slot order.</summary>
    public IReadOnlyList<LabelMetrics> PerLabel { get; }

    /// <summary>The metrics from each label's counts over <paramref name="rows"/> rows, of which <paramref name="exactRows"/> had every label right.</summary>
    internal static MultiLabelClassificationMetrics From(long rows, long exactRows, IReadOnlyList<string> names, long[] truePositives, long[] falsePositives, long[] falseNegatives)
    {
        var perLabel = names.Select((name, i) => Of(name, truePositives[i], falsePositives[i], falseNegatives[i])).ToArray();
        var micro = Of("micro", truePositives.Sum(), falsePositives.Sum(), falseNegatives.Sum());
        double wrongPairs = falsePositives.Sum() + falseNegatives.Sum();
        return new MultiLabelClassificationMetrics(rows, wrongPairs / ((double)rows * names.Count), (double)exactRows / rows, micro, perLabel);
    }

    private static LabelMetrics Of(string name, long truePositives, long falsePositives, long falseNegatives)
    {
        double precision = Ratio(truePositives, truePositives + falsePositives);
        double recall = Ratio(truePositives, truePositives + falseNegatives);
        // 2·TP / (2·TP + FP + FN): scikit-learn's form, equal to the harmonic mean where both are defined, and 0 where TP is 0.
        double f1 = Ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
        return new LabelMetrics(name, precision, recall, f1, truePositives + falseNegatives);
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
