namespace MLNet.DeepTrainers.Data;

/// <summary>Binary classification quality from scores and predicted labels.</summary>
public class BinaryClassificationMetrics
{
    internal BinaryClassificationMetrics(double areaUnderRocCurve, double accuracy, double positivePrecision, double positiveRecall,
        double negativePrecision, double negativeRecall, double areaUnderPrecisionRecallCurve, ConfusionMatrix confusionMatrix)
    {
        AreaUnderRocCurve = areaUnderRocCurve;
        Accuracy = accuracy;
        PositivePrecision = positivePrecision;
        PositiveRecall = positiveRecall;
        NegativePrecision = negativePrecision;
        NegativeRecall = negativeRecall;
        F1Score = positivePrecision + positiveRecall == 0 ? 0 : 2 * positivePrecision * positiveRecall / (positivePrecision + positiveRecall);
        AreaUnderPrecisionRecallCurve = areaUnderPrecisionRecallCurve;
        ConfusionMatrix = confusionMatrix;
    }

    /// <summary>The probability that a random positive scores above a random negative (ties count half).</summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>The fraction of predicted labels that are right.</summary>
    public double Accuracy { get; }

    /// <summary>Of the examples predicted positive, the fraction that are.</summary>
    public double PositivePrecision { get; }

    /// <summary>Of the positive examples, the fraction predicted positive.</summary>
    public double PositiveRecall { get; }

    /// <summary>Of the examples predicted negative, the fraction that are.</summary>
    public double NegativePrecision { get; }

    /// <summary>Of the negative examples, the fraction predicted negative.</summary>
    public double NegativeRecall { get; }

    /// <summary>The harmonic mean of positive precision and recall.</summary>
    public double F1Score { get; }

    /// <summary>
    /// The area under the precision-recall curve as average precision: the sum over score thresholds
    /// of (recall gained) × precision, the step-wise form scikit-learn's average_precision_score uses.
    /// </summary>
    public double AreaUnderPrecisionRecallCurve { get; }

    /// <summary>Rows are actual classes, columns predicted ones; the positive class comes first, as ML.NET prints it.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
