namespace MLNet.DeepTrainers;

/// <summary>
/// Keras's EarlyStopping: stops training when <see cref="Monitor"/> has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs; losses and MAE must fall, accuracy rise.
/// With <see cref="RestoreBestWeights"/>, the model keeps its best epoch's weights.
/// </summary>
public sealed class EarlyStopping : TrainingCallback
{
    private MonitorTracker? _tracker;
    private Dictionary<string, Tensor>? _best;
    private int _bestEpoch;
    private int _wait;

    /// <summary>Early stopping with Keras's defaults.</summary>
    /// <param name="monitor">"loss", "val_loss", "accuracy", "val_accuracy", "mae" or "val_mae" (as the task reports them).</param>
    /// <param name="patience">Epochs without improvement before stopping.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement.</param>
    /// <param name="restoreBestWeights">Whether the model keeps the weights of its best epoch rather than its last.</param>
    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, bool restoreBestWeights = false)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (patience < 0)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "Early stopping's patience must not be negative.");
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>The quantity watched.</summary>
    public string Monitor { get; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the model keeps its best epoch's weights.</summary>
    public bool RestoreBestWeights { get; }

    /// <inheritdoc />
    public override void OnTrainBegin(TrainingState state)
    {
        state.RequireMonitor(Monitor, nameof(EarlyStopping));
        _tracker = new MonitorTracker(Monitor, MinDelta);
        Forget();
        _bestEpoch = 0;
        _wait = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(TrainingState state, EpochReport report)
    {
        if (_tracker!.Improved(report))
        {
            _wait = 0;
            _bestEpoch = report.Epoch;
            if (RestoreBestWeights)
            {
                Forget();
                _best = state.Snapshot();
            }
        }
        else if (++_wait > Patience)
        {
            state.StopTraining($"early stopping after epoch {report.Epoch}: {_tracker.Best:G5} in epoch {_bestEpoch} was the best {Monitor}" +
                (RestoreBestWeights ? "; the model has that epoch's weights." : "."));
        }
    }

    /// <inheritdoc />
    public override void OnTrainEnd(TrainingState state)
    {
        // Keras restores the best weights only when it stopped early; so does this.
        if (_best is not null && state.StopRequested)
            state.Restore(_best);
        Forget();
    }

    private void Forget()
    {
        foreach (var tensor in _best?.Values ?? Enumerable.Empty<Tensor>())
            tensor.Dispose();
        _best = null;
    }
}
