using System.Globalization;

namespace MLNet.DeepTrainers;

/// <summary>
/// What one training epoch did: losses and the task's metric (<see cref="MetricName"/>: "mae" for
/// regression, "accuracy" for classification) on the training batches and on the validation data,
/// the learning rate and the seconds it took.
/// </summary>
public sealed record EpochReport(int Epoch, double Loss, double? ValidationLoss, string MetricName, double Metric, double? ValidationMetric,
    double LearningRate, double Seconds)
{
    /// <summary>A value by its Keras name: "loss", "val_loss", the metric's name, or "val_" and the metric's name.</summary>
    public double Get(string name) => name switch
    {
        "loss" => Loss,
        "val_loss" => ValidationLoss ?? double.NaN,
        _ when name == MetricName => Metric,
        _ when name == "val_" + MetricName => ValidationMetric ?? double.NaN,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Epoch reports have loss, val_loss, {MetricName} and val_{MetricName}."),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        string validation = ValidationLoss is double v ? string.Create(CultureInfo.InvariantCulture, $", val_loss {v:0.0000}, val_{MetricName} {ValidationMetric:0.0000}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}: loss {Loss:0.0000}, {MetricName} {Metric:0.0000}{validation}, lr {LearningRate:G3}, {Seconds:F1} s");
    }
}
