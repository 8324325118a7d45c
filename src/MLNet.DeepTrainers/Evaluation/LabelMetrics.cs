namespace MLNet.DeepTrainers;

/// <summary>One label's metrics in a multi-label evaluation (scikit-learn's <c>precision_recall_fscore_support</c> with <c>average=None</c>).</summary>
/// <param name="Name">The label's slot name, or its index when the label column has no slot names.</param>
/// <param name="Precision">True positives over predicted positives; 0 when nothing was predicted positive (scikit-learn's zero_division default).</param>
/// <param name="Recall">True positives over actual positives; 0 when no row has the label.</param>
/// <param name="F1Score">The harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">The number of rows that have the label.</param>
public sealed record LabelMetrics(string Name, double Precision, double Recall, double F1Score, long Support);
