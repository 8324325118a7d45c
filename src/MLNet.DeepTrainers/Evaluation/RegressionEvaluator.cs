namespace MLNet.DeepTrainers.Evaluation;

/// <summary>Regression metrics from labels and scores.</summary>
internal static class RegressionEvaluator
{
    /// <summary>
    /// The metrics over the rows whose label is not NaN (ML.NET skips rows with a missing label). With
    /// <paramref name="width"/> outputs per row (a vector label, row-major) each metric is taken per
    /// output and averaged, as scikit-learn's <c>multioutput='uniform_average'</c>.
    /// </summary>
    public static RegressionMetrics Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, int width = 1)
    {
        double absolute = 0, squared = 0, root = 0, rSquared = 0;
        for (int output = 0; output < width; output++)
        {
            var (mae, mse, r2) = OneOutput(labels, scores, width, output);
            absolute += mae;
            squared += mse;
            root += Math.Sqrt(mse);
            rSquared += r2;
        }
        return new RegressionMetrics(absolute / width, squared / width, root / width, rSquared / width);
    }

    private static (double Mae, double Mse, double R2) OneOutput(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, int width, int output)
    {
        int n = 0;
        double mean = 0;
        for (int i = output; i < labels.Length; i += width)
        {
            if (float.IsNaN(labels[i]))
                continue;
            n++;
            mean += labels[i];
        }
        if (n == 0)
            throw new InvalidOperationException($"Every label{(width > 1 ? $" of output {output}" : "")} is missing (NaN): there is nothing to evaluate against.");
        mean /= n;
        double absolute = 0, squared = 0, total = 0;
        for (int i = output; i < labels.Length; i += width)
        {
            if (float.IsNaN(labels[i]))
                continue;
            double error = labels[i] - (double)scores[i];
            absolute += Math.Abs(error);
            squared += error * error;
            total += (labels[i] - mean) * (labels[i] - mean);
        }
        return (absolute / n, squared / n, 1 - squared / total);
    }
}
