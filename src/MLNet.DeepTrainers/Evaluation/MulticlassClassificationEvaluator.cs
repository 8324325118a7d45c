namespace MLNet.DeepTrainers.Evaluation;

/// <summary>Multiclass metrics from labels and predicted classes (0-based here) and per-class probabilities.</summary>
internal static class MulticlassClassificationEvaluator
{
    private const double Epsilon = 1e-15;

    /// <param name="labels">The true class of each example, 0 to classes - 1.</param>
    /// <param name="predicted">The predicted class of each example.</param>
    /// <param name="scores">Row-major probabilities, <paramref name="classes"/> per example.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="topK">The k of top-k accuracy; 0 for none.</param>
    /// <param name="classNames">Names for the confusion table.</param>
    public static MulticlassClassificationMetrics Compute(ReadOnlySpan<int> labels, ReadOnlySpan<int> predicted, ReadOnlySpan<float> scores, int classes, int topK, string[] classNames)
    {
        int n = labels.Length;
        var counts = Enumerable.Range(0, classes).Select(_ => new double[classes]).ToArray();
        var classLogLoss = new double[classes];
        var classCount = new double[classes];
        var topKHits = new double[Math.Max(topK, 0)];
        double logLoss = 0, correct = 0;
        for (int i = 0; i < n; i++)
        {
            int y = labels[i];
            counts[y][predicted[i]]++;
            correct += predicted[i] == y ? 1 : 0;
            var row = scores.Slice(i * classes, classes);
            double loss = -Math.Log(Math.Max(row[y], Epsilon));
            logLoss += loss;
            classLogLoss[y] += loss;
            classCount[y]++;
            if (topK > 0)
            {
                // The true class's rank: how many classes score strictly higher.
                int rank = 0;
                for (int c = 0; c < classes; c++)
                    rank += row[c] > row[y] ? 1 : 0;
                for (int k = rank; k < topK; k++)
                    topKHits[k]++;
            }
        }
        double prior = 0;
        for (int c = 0; c < classes; c++)
        {
            if (classCount[c] > 0)
                prior -= classCount[c] / n * Math.Log(classCount[c] / n);
        }
        var confusion = new ConfusionMatrix(counts, classNames, binary: false);
        double macro = Enumerable.Range(0, classes).Where(c => classCount[c] > 0).Average(c => confusion.PerClassRecall[c]);
        return new MulticlassClassificationMetrics(logLoss / n, prior, macro, correct / n, topK,
            topK > 0 ? topKHits.Select(h => h / n).ToArray() : null,
            Enumerable.Range(0, classes).Select(c => classCount[c] > 0 ? classLogLoss[c] / classCount[c] : 0).ToArray(), confusion);
    }
}
