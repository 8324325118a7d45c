namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Multi-label classification quality from Boolean label vectors, predicted label vectors and
/// probabilities, with scikit-learn's definitions: a label's precision, recall or F1 whose denominator
/// is 0 counts as 0 (scikit-learn's <c>zero_division</c> default).
/// </summary>
public sealed class MultiLabelClassificationMetrics
{
    internal MultiLabelClassificationMetrics(double hammingLoss, double subsetAccuracy, double logLoss, double microPrecision, double microRecall, double microF1Score,
        IReadOnlyList<double> perLabelPrecision, IReadOnlyList<double> perLabelRecall, IReadOnlyList<double> perLabelF1Score, IReadOnlyList<long> perLabelSupport,
        IReadOnlyList<string> labelNames)
    {
        HammingLoss = hammingLoss;
        SubsetAccuracy = subsetAccuracy;
        LogLoss = logLoss;
        MicroPrecision = microPrecision;
        MicroRecall = microRecall;
        MicroF1Score = microF1Score;
        PerLabelPrecision = perLabelPrecision;
        PerLabelRecall = perLabelRecall;
        PerLabelF1Score = perLabelF1Score;
        PerLabelSupport = perLabelSupport;
        LabelNames = labelNames;
        MacroPrecision = perLabelPrecision.Average();
        MacroRecall = perLabelRecall.Average();
        MacroF1Score = perLabelF1Score.Average();
    }

    /// <summary>The fraction of (row, label) pairs predicted wrong (scikit-learn's <c>hamming_loss</c>).</summary>
    public double HammingLoss { get; }

    /// <summary>The fraction of rows whose every label is predicted right (scikit-learn's <c>accuracy_score</c> on label vectors).</summary>
    public double SubsetAccuracy { get; }

    /// <summary>The mean over rows and labels of the binary cross-entropy of the probabilities, in nats (probabilities clamped to [1e-15, 1 - 1e-15]).</summary>
    public double LogLoss { get; }

    /// <summary>Precision over every (row, label) pair pooled: true positives / predicted positives.</summary>
    public double MicroPrecision { get; }

    /// <summary>Recall over every (row, label) pair pooled: true positives / actual positives.</summary>
    public double MicroRecall { get; }

    /// <summary>The harmonic mean of <see cref="MicroPrecision"/> and <see cref="MicroRecall"/>.</summary>
    public double MicroF1Score { get; }

    /// <summary>The unweighted mean of <see cref="PerLabelPrecision"/>: each label counts the same, rare or common.</summary>
    public double MacroPrecision { get; }

    /// <summary>The unweighted mean of <see cref="PerLabelRecall"/>.</summary>
    public double MacroRecall { get; }

    /// <summary>The unweighted mean of <see cref="PerLabelF1Score"/> (scikit-learn's <c>f1_score(average='macro')</c>).</summary>
    public double MacroF1Score { get; }

    /// <summary>Each label's precision, in label order.</summary>
    public IReadOnlyList<double> PerLabelPrecision { get; }

    /// <summary>Each label's recall.</summary>
    public IReadOnlyList<double> PerLabelRecall { get; }

    /// <summary>Each label's F1 score.</summary>
    public IReadOnlyList<double> PerLabelF1Score { get; }

    /// <summary>How many rows have each label true.</summary>
    public IReadOnlyList<long> PerLabelSupport { get; }

    /// <summary>The labels' names: the label column's slot names, or "0", "1", ... without them.</summary>
    public IReadOnlyList<string> LabelNames { get; }
}
