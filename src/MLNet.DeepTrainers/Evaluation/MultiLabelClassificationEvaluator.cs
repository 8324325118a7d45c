namespace MLNet.DeepTrainers.Evaluation;

/// <summary>Multi-label metrics from row-major label, prediction and probability vectors.</summary>
internal static class MultiLabelClassificationEvaluator
{
    private const double Epsilon = 1e-15;

    /// <param name="labels">The true labels, <paramref name="names"/>.Length per row.</param>
    /// <param name="predicted">The predicted labels, laid out as <paramref name="labels"/>.</param>
    /// <param name="probabilities">Each label's probability, laid out as <paramref name="labels"/>.</param>
    /// <param name="names">The labels' names.</param>
    public static MultiLabelClassificationMetrics Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predicted, ReadOnlySpan<float> probabilities, string[] names)
    {
        int width = names.Length, rows = labels.Length / width;
        var truePositives = new long[width];
        var predictedPositives = new long[width];
        var actualPositives = new long[width];
        long wrong = 0, rowsRight = 0;
        double logLoss = 0;
        for (int r = 0; r < rows; r++)
        {
            bool rowRight = true;
            for (int l = 0; l < width; l++)
            {
                int i = r * width + l;
                bool y = labels[i], p = predicted[i];
                truePositives[l] += y && p ? 1 : 0;
                predictedPositives[l] += p ? 1 : 0;
                actualPositives[l] += y ? 1 : 0;
                if (y != p)
                {
                    wrong++;
                    rowRight = false;
                }
                double probability = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
                logLoss -= y ? Math.Log(probability) : Math.Log(1 - probability);
            }
            rowsRight += rowRight ? 1 : 0;
        }
        var precision = new double[width];
        var recall = new double[width];
        var f1 = new double[width];
        for (int l = 0; l < width; l++)
        {
            precision[l] = Ratio(truePositives[l], predictedPositives[l]);
            recall[l] = Ratio(truePositives[l], actualPositives[l]);
            f1[l] = F1(truePositives[l], predictedPositives[l], actualPositives[l]);
        }
        long tp = truePositives.Sum(), pp = predictedPositives.Sum(), ap = actualPositives.Sum();
        double cells = (double)rows * width;
        return new MultiLabelClassificationMetrics(wrong / cells, rowsRight / (double)rows, logLoss / cells,
            Ratio(tp, pp), Ratio(tp, ap), F1(tp, pp, ap), precision, recall, f1, actualPositives, names);
    }

    // 0 when nothing is counted, as scikit-learn's zero_division default.
    private static double Ratio(long part, long whole) => whole == 0 ? 0 : part / (double)whole;

    // 2TP / (2TP + FP + FN), the harmonic mean of precision and recall written without them.
    private static double F1(long truePositives, long predictedPositives, long actualPositives) => Ratio(2 * truePositives, predictedPositives + actualPositives);
}
