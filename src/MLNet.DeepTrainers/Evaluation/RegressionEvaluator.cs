namespace MLNet.DeepTrainers.Evaluation;

/// <summary>Regression metrics from labels and scores.</summary>
internal static class RegressionEvaluator
{
    public static RegressionMetrics Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        int n = labels.Length;
        double mean = 0;
        foreach (float y in labels)
            mean += y;
        mean /= n;
        double absolute = 0, squared = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            double error = labels[i] - (double)scores[i];
            absolute += Math.Abs(error);
            squared += error * error;
            total += (labels[i] - mean) * (labels[i] - mean);
        }
        return new RegressionMetrics(absolute / n, squared / n, 1 - squared / total);
    }
}
