namespace MLNet.DeepTrainers.Data;

/// <summary>The mean, spread and count of one metric over repeated measurements (ML.NET's), as permutation feature importance reports each change.</summary>
public sealed class MetricStatistics
{
    internal MetricStatistics(IReadOnlyList<double> values)
    {
        Count = values.Count;
        Mean = values.Average();
        // The sample standard deviation (n - 1), 0 for one value.
        StandardDeviation = Count > 1 ? Math.Sqrt(values.Sum(v => (v - Mean) * (v - Mean)) / (Count - 1)) : 0;
        StandardError = StandardDeviation / Math.Sqrt(Count);
    }

    /// <summary>The mean of the values.</summary>
    public double Mean { get; }

    /// <summary>Their sample standard deviation.</summary>
    public double StandardDeviation { get; }

    /// <summary>The standard error of the mean: the standard deviation over √count.</summary>
    public double StandardError { get; }

    /// <summary>How many values.</summary>
    public int Count { get; }

    /// <summary>Statistics of the change of <paramref name="metric"/> from <paramref name="baseline"/> to each of <paramref name="permuted"/>.</summary>
    internal static MetricStatistics Of<T>(T baseline, IReadOnlyList<T> permuted, Func<T, double> metric) =>
        new(permuted.Select(p => metric(p) - metric(baseline)).ToArray());
}
