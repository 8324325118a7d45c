using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers;

/// <summary>Keras's History: one report per finished epoch, in order, and why training stopped early, if it did.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>The reports of the finished epochs.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>Why training ended before its last epoch (early stopping, a non-finite loss, cancellation); null if it ran them all.</summary>
    public string? StopReason { get; internal set; }

    internal void Add(EpochReport report) => _epochs.Add(report);

    /// <summary>Writes one row per epoch: epoch, loss, val_loss, the metric, its validation value, learning rate, seconds.</summary>
    public void SaveCsv(string path)
    {
        string metric = _epochs.FirstOrDefault()?.MetricName ?? "metric";
        var text = new StringBuilder($"epoch,loss,val_loss,{metric},val_{metric},learning_rate,seconds\n");
        foreach (var e in _epochs)
            text.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Loss:R},{e.ValidationLoss:R},{e.Metric:R},{e.ValidationMetric:R},{e.LearningRate:R},{e.Seconds:R}\n");
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Writes an SVG line chart of the loss per epoch (training solid, validation dashed) or, when
    /// <paramref name="metric"/> is true, of the task's metric: the Keras courses' curves.
    /// </summary>
    public void SaveSvg(string path, string title = "Training history", bool metric = false)
    {
        if (_epochs.Count == 0)
            throw new InvalidOperationException("The history has no epochs to plot.");
        string name = _epochs[0].MetricName;
        // Losses often fall by orders of magnitude in the first epochs: then a log scale shows the rest.
        var losses = _epochs.Select(e => e.Loss).Concat(_epochs.Select(e => e.ValidationLoss ?? double.NaN)).Where(double.IsFinite).ToList();
        bool logScale = !metric && losses.All(l => l > 0) && losses.Max() > 30 * losses.Min();
        var chart = new SvgChart(metric ? $"{title}: {name}" : $"{title}: loss", "epoch", metric ? name : "loss", logScale);
        chart.Line(metric ? $"training {name}" : "training loss", _epochs.Select(e => ((double)e.Epoch, metric ? e.Metric : e.Loss)).ToList());
        if (_epochs.Any(e => e.ValidationLoss is not null))
            chart.Line(metric ? $"validation {name}" : "validation loss", _epochs.Select(e => ((double)e.Epoch, (metric ? e.ValidationMetric : e.ValidationLoss) ?? double.NaN)).ToList(), dashed: true);
        File.WriteAllText(path, chart.Render());
    }
}
