namespace MLNet.DeepTrainers.Evaluation;

/// <summary>Binary metrics from labels, scores, predicted labels and (optionally) probabilities.</summary>
internal static class BinaryClassificationEvaluator
{
    private const double Epsilon = 1e-15;

    public static BinaryClassificationMetrics Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores, ReadOnlySpan<bool> predicted)
    {
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i])
                _ = predicted[i] ? tp++ : fn++;
            else
                _ = predicted[i] ? fp++ : tn++;
        }
        var confusion = new ConfusionMatrix([[tp, fn], [fp, tn]], ["positive", "negative"], binary: true);
        return new BinaryClassificationMetrics(AreaUnderRoc(labels, scores), (tp + tn) / labels.Length,
            Ratio(tp, tp + fp), Ratio(tp, tp + fn), Ratio(tn, tn + fn), Ratio(tn, tn + fp), AveragePrecision(labels, scores), confusion);
    }

    public static CalibratedBinaryClassificationMetrics ComputeCalibrated(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores, ReadOnlySpan<bool> predicted, ReadOnlySpan<float> probabilities)
    {
        var basic = Compute(labels, scores, predicted);
        double logLoss = 0, positives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            logLoss -= Math.Log2(labels[i] ? p : 1 - p);
            positives += labels[i] ? 1 : 0;
        }
        double prior = positives / labels.Length;
        double entropy = prior is 0 or 1 ? 0 : -(prior * Math.Log2(prior) + (1 - prior) * Math.Log2(1 - prior));
        return new CalibratedBinaryClassificationMetrics(basic, logLoss / labels.Length, entropy);
    }

    /// <summary>The Mann-Whitney form: mean rank of positives among all, ties taking their average rank.</summary>
    private static double AreaUnderRoc(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores)
    {
        int n = labels.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRankSum = 0, positives = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
                end++;
            double rank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++)
            {
                if (labels[order[i]])
                {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            start = end + 1;
        }
        double negatives = n - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Average precision: thresholds from the highest score down, tied scores taken together.</summary>
    private static double AveragePrecision(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores)
    {
        int n = labels.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = scores.ToArray().Select(s => -s).ToArray();
        Array.Sort(keys, order);
        double totalPositives = 0;
        foreach (bool label in labels)
            totalPositives += label ? 1 : 0;
        if (totalPositives == 0)
            return double.NaN;
        double truePositives = 0, seen = 0, previousRecall = 0, area = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
                end++;
            for (int i = start; i <= end; i++)
                truePositives += labels[order[i]] ? 1 : 0;
            seen += end - start + 1;
            double recall = truePositives / totalPositives;
            area += (recall - previousRecall) * (truePositives / seen);
            previousRecall = recall;
            start = end + 1;
        }
        return area;
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}
