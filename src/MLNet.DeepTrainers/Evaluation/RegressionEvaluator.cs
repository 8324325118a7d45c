namespace MLNet.DeepTrainers.Evaluation;

/// <summary>Regression metrics from labels and scores.</summary>
internal static class RegressionEvaluator
{
    /// <summary>The metrics over the rows whose label is not NaN (ML.NET skips rows with a missing label).</summary>
    public static RegressionMetrics Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        int n = 0;
        double mean = 0;
        foreach (float y in labels)
        {
            if (float.IsNaN(y))
                continue;
            n++;
            mean += y;
        }
        if (n == 0)
            throw new InvalidOperationException("Every label is missing (NaN): there is nothing to evaluate against.");
        mean /= n;
        double absolute = 0, squared = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (float.IsNaN(labels[i]))
                continue;
            double error = labels[i] - (double)scores[i];
            absolute += Math.Abs(error);
            squared += error * error;
            total += (labels[i] - mean) * (labels[i] - mean);
        }
        return new RegressionMetrics(absolute / n, squared / n, 1 - squared / total);
    }
}
