namespace MLNet.DeepTrainers;

/// <summary>Follows one reported quantity and says when it improves: losses and MAE by falling, accuracy by rising.</summary>
internal sealed class MonitorTracker(string monitor, double minDelta)
{
    private readonly bool _higherIsBetter = monitor.EndsWith("accuracy", StringComparison.Ordinal);

    public double Best { get; private set; } = double.NaN;

    public bool Improved(EpochReport report)
    {
        double value = report.Get(monitor);
        bool better = double.IsNaN(Best) || (_higherIsBetter ? value > Best + Math.Abs(minDelta) : value < Best - Math.Abs(minDelta));
        if (better)
            Best = value;
        return better;
    }

    /// <summary>Checks that <paramref name="monitor"/> will be reported: the task's metric, and validation only when there is validation data.</summary>
    public static void Check(string monitor, string metric, bool hasValidation, string user)
    {
        string[] known = hasValidation ? ["loss", metric, "val_loss", "val_" + metric] : ["loss", metric];
        if (!known.Contains(monitor))
            throw new ArgumentException($"{user}: cannot monitor '{monitor}'; this training reports {string.Join(", ", known.Select(k => $"'{k}'"))}." +
                (monitor.StartsWith("val_", StringComparison.Ordinal) && !hasValidation ? " Set ValidationFraction or ValidationSet to get validation metrics." : ""));
    }
}
