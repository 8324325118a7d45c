namespace MLNet.DeepTrainers.Trainers;

/// <summary>Keras's History: one report per finished epoch, in order, and why training stopped early, if it did.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>The reports of the finished epochs.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>Why training ended before its last epoch (early stopping, a non-finite loss, cancellation); null if it ran them all.</summary>
    public string? StopReason { get; internal set; }

    internal void Add(EpochReport report) => _epochs.Add(report);
}
