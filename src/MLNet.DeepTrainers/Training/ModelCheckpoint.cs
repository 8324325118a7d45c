namespace MLNet.DeepTrainers;

/// <summary>
/// Keras's ModelCheckpoint: writes the weights to a safetensors file after every epoch, or only when
/// <see cref="Monitor"/> improves. The path may hold "{epoch}", replaced by the epoch's number. In data-parallel
/// training only rank 0 writes, since every rank's weights are the same (and ranks on one machine would write one file).
/// </summary>
public sealed class ModelCheckpoint : TrainingCallback
{
    private MonitorTracker? _tracker;

    /// <summary>A checkpoint with Keras's defaults (monitor "val_loss", every epoch).</summary>
    /// <param name="path">The safetensors file to write; "{epoch}" in it is replaced by the epoch.</param>
    /// <param name="monitor">The quantity that decides improvement when <paramref name="saveBestOnly"/>.</param>
    /// <param name="saveBestOnly">Whether to write only when the monitored quantity improves.</param>
    public ModelCheckpoint(string path, string monitor = "val_loss", bool saveBestOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        Monitor = monitor;
        SaveBestOnly = saveBestOnly;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The quantity watched.</summary>
    public string Monitor { get; }

    /// <summary>Whether only improving epochs are written.</summary>
    public bool SaveBestOnly { get; }

    /// <inheritdoc />
    public override void OnTrainBegin(TrainingState state)
    {
        if (SaveBestOnly)
            state.RequireMonitor(Monitor, nameof(ModelCheckpoint));
        _tracker = SaveBestOnly ? new MonitorTracker(Monitor, 0) : null;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(TrainingState state, EpochReport report)
    {
        bool improved = _tracker is null || _tracker.Improved(report);
        if (improved && state.Rank == 0)
            state.SaveWeights(Path.Replace("{epoch}", report.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
