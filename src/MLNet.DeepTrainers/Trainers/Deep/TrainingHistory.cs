namespace MLNet.DeepTrainers.Trainers;

/// <summary>Keras's History: one report per finished epoch, in order.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>The reports of the finished epochs.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    internal void Add(EpochReport report) => _epochs.Add(report);
}
