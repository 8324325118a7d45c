namespace MLNet.DeepTrainers.Data;

/// <summary>Multiclass classification quality from class probabilities and predicted keys.</summary>
public sealed class MulticlassClassificationMetrics
{
    internal MulticlassClassificationMetrics(double logLoss, double priorLogLoss, double macroAccuracy, double microAccuracy, int topKPredictionCount,
        IReadOnlyList<double>? topKAccuracyForAllK, IReadOnlyList<double> perClassLogLoss, ConfusionMatrix confusionMatrix)
    {
        LogLoss = logLoss;
        LogLossReduction = priorLogLoss == 0 ? 0 : (priorLogLoss - logLoss) / priorLogLoss;
        MacroAccuracy = macroAccuracy;
        MicroAccuracy = microAccuracy;
        TopKPredictionCount = topKPredictionCount;
        TopKAccuracyForAllK = topKAccuracyForAllK;
        TopKAccuracy = topKAccuracyForAllK is { Count: > 0 } all ? all[^1] : 0;
        PerClassLogLoss = perClassLogLoss;
        ConfusionMatrix = confusionMatrix;
    }

    /// <summary>The mean of -ln(probability of the true class), in nats (clamped at 1e-15).</summary>
    public double LogLoss { get; }

    /// <summary>(prior log-loss - log-loss) / prior log-loss, the prior being the evaluated labels' class frequencies (ML.NET's definition).</summary>
    public double LogLossReduction { get; }

    /// <summary>The mean over classes present in the labels of each class's recall (scikit-learn's balanced accuracy).</summary>
    public double MacroAccuracy { get; }

    /// <summary>The fraction of examples whose predicted label is right.</summary>
    public double MicroAccuracy { get; }

    /// <summary>The fraction of examples whose true class is among the <see cref="TopKPredictionCount"/> highest scores (0 when not asked).</summary>
    public double TopKAccuracy { get; }

    /// <summary>The k of <see cref="TopKAccuracy"/>.</summary>
    public int TopKPredictionCount { get; }

    /// <summary>Top-k accuracy for k = 1 to <see cref="TopKPredictionCount"/>; null when not asked.</summary>
    public IReadOnlyList<double>? TopKAccuracyForAllK { get; }

    /// <summary>The log-loss of the examples of each class (0 for a class with none).</summary>
    public IReadOnlyList<double> PerClassLogLoss { get; }

    /// <summary>Rows are actual classes, columns predicted ones, in key order.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
