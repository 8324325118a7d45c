namespace MLNet.DeepTrainers.Data;

/// <summary>Binary metrics plus those of a calibrated probability.</summary>
public sealed class CalibratedBinaryClassificationMetrics : BinaryClassificationMetrics
{
    internal CalibratedBinaryClassificationMetrics(BinaryClassificationMetrics basic, double logLoss, double entropy)
        : base(basic.AreaUnderRocCurve, basic.Accuracy, basic.PositivePrecision, basic.PositiveRecall, basic.NegativePrecision,
            basic.NegativeRecall, basic.AreaUnderPrecisionRecallCurve, basic.ConfusionMatrix)
    {
        LogLoss = logLoss;
        Entropy = entropy;
        LogLossReduction = entropy == 0 ? 0 : (entropy - logLoss) / entropy;
    }

    /// <summary>The mean of -log2(probability given to the true class), in bits as in ML.NET (probabilities clamped to [1e-15, 1 - 1e-15]).</summary>
    public double LogLoss { get; }

    /// <summary>(prior log-loss - log-loss) / prior log-loss: how much better than always predicting the label prior (ML.NET's definition).</summary>
    public double LogLossReduction { get; }

    /// <summary>The prior log-loss: the entropy of the evaluated labels, in bits.</summary>
    public double Entropy { get; }
}
