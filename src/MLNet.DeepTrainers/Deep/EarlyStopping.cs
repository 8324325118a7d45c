namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Keras's EarlyStopping: stops training when <see cref="Monitor"/> has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs; losses and MAE must fall, accuracy rise.
/// </summary>
public sealed record EarlyStopping
{
    /// <summary>Early stopping with Keras's defaults.</summary>
    /// <param name="monitor">"loss", "val_loss", "accuracy", "val_accuracy", "mae" or "val_mae" (the last four as the task reports them).</param>
    /// <param name="patience">Epochs without improvement before stopping.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement.</param>
    /// <param name="restoreBestWeights">Whether the model keeps the weights of its best epoch rather than its last.</param>
    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, bool restoreBestWeights = false)
    {
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>The quantity watched.</summary>
    public string Monitor { get; init; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; init; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>Whether the model keeps its best epoch's weights.</summary>
    public bool RestoreBestWeights { get; init; }
}
