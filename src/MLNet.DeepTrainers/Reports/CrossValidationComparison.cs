using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers;

/// <summary>
/// One metric of several pipelines over the same folds, for the table and plot a data scientist
/// expects: mean ± standard deviation per pipeline, as text, CSV, or an SVG bar chart with whiskers
/// and a dot per fold.
/// </summary>
public sealed class CrossValidationComparison
{
    private readonly List<(string Name, double[] Values)> _entries = [];

    /// <summary>A comparison of <paramref name="metricName"/> (shown on the axis and in the table).</summary>
    public CrossValidationComparison(string metricName) => MetricName = metricName;

    /// <summary>The metric compared.</summary>
    public string MetricName { get; }

    /// <summary>Each pipeline's name and per-fold values, in the order added.</summary>
    public IReadOnlyList<(string Name, double[] Values)> Entries => _entries;

    /// <summary>Adds a pipeline's per-fold values (for example <c>ml.Regression.CrossValidate(...).Select(f => f.Metrics.MeanAbsoluteError)</c>).</summary>
    public CrossValidationComparison Add(string name, IEnumerable<double> foldValues)
    {
        var values = foldValues.ToArray();
        if (values.Length == 0)
            throw new ArgumentException($"'{name}' has no fold values to compare.", nameof(foldValues));
        _entries.Add((name, values));
        return this;
    }

    /// <summary>The mean of a pipeline's values.</summary>
    public static double Mean(IReadOnlyList<double> values) => values.Average();

    /// <summary>The sample standard deviation (n - 1) of a pipeline's values; 0 for one value.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
    }

    /// <summary>A text table: pipeline, mean ± std, and each fold.</summary>
    public override string ToString()
    {
        int width = Math.Max(8, _entries.Select(e => e.Name.Length).DefaultIfEmpty(8).Max());
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"pipeline".PadRight(width)}  {MetricName + " (mean ± std)",-24}  folds");
        foreach (var (name, values) in _entries)
            text.AppendLine(CultureInfo.InvariantCulture, $"{name.PadRight(width)}  {$"{Mean(values):F4} ± {StandardDeviation(values):F4}",-24}  {string.Join("  ", values.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))}");
        return text.ToString();
    }

    /// <summary>Writes the values as CSV: pipeline, fold, value (replacing the file only once it is complete).</summary>
    public void SaveCsv(string path)
    {
        var text = new StringBuilder("pipeline,fold,").Append(MetricName).Append('\n');
        foreach (var (name, values) in _entries)
        {
            for (int i = 0; i < values.Length; i++)
                text.Append(CultureInfo.InvariantCulture, $"\"{name.Replace("\"", "\"\"")}\",{i},{values[i]:R}\n");
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes an SVG bar chart: a bar at each pipeline's mean, a whisker of ± one standard deviation, a dot per fold.</summary>
    public void SaveSvg(string path, string? title = null)
    {
        var chart = new SvgChart(title ?? $"{MetricName} by pipeline ({_entries.Select(e => e.Values.Length).DefaultIfEmpty(0).Max()}-fold cross-validation)", "pipeline", MetricName);
        foreach (var (name, values) in _entries)
            chart.Bar(name, values);
        File.WriteAllText(path, chart.Render());
    }
}
