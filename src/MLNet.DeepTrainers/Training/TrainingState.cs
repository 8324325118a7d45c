namespace MLNet.DeepTrainers;

/// <summary>What a <see cref="TrainingCallback"/> sees of a training run, and how it changes it.</summary>
public sealed class TrainingState
{
    private readonly SequentialNetwork _network;
    private readonly Func<double> _getRate;
    private readonly Action<double> _setRate;

    internal TrainingState(SequentialNetwork network, int epochs, string metricName, bool hasValidation, int rank, Func<double> getRate, Action<double> setRate)
    {
        _network = network;
        Epochs = epochs;
        Rank = rank;
        MetricName = metricName;
        HasValidation = hasValidation;
        _getRate = getRate;
        _setRate = setRate;
    }

    /// <summary>The epoch running or just finished, from 1 (0 before the first).</summary>
    public int Epoch { get; internal set; }

    /// <summary>The number of epochs asked for.</summary>
    public int Epochs { get; }

    /// <summary>The task's metric as epoch reports name it ("mae" or "accuracy").</summary>
    public string MetricName { get; }

    /// <summary>
    /// This process's rank in data-parallel training (<see cref="DeepTrainerOptions.Distributed"/>); 0 when it
    /// trains alone. Every rank sees the same history; rank 0 alone reports progress and writes checkpoints.
    /// </summary>
    public int Rank { get; }

    /// <summary>Whether each epoch reports validation values ("val_loss", "val_" + metric).</summary>
    public bool HasValidation { get; }

    /// <summary>The finished epochs' reports.</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>The optimizer's learning rate; setting it takes effect from the next batch.</summary>
    public double LearningRate
    {
        get => _getRate();
        set
        {
            if (!(value > 0) || !double.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a positive number.");
            _setRate(value);
        }
    }

    /// <summary>Whether a callback asked to stop after the current epoch.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Asks the loop to stop after the current epoch; <paramref name="reason"/> becomes <see cref="TrainingHistory.StopReason"/>.</summary>
    public void StopTraining(string reason)
    {
        StopRequested = true;
        History.StopReason = reason;
    }

    /// <summary>Checks that <paramref name="monitor"/> ("loss", "val_loss", the metric or "val_" and the metric) will be reported in this run.</summary>
    public void RequireMonitor(string monitor, string user) => MonitorTracker.Check(monitor, MetricName, HasValidation, user);

    /// <summary>A copy of the network's weights by PyTorch name (parameters and batch-norm statistics).</summary>
    public IReadOnlyDictionary<string, NamedTensor> GetWeights() => NetworkWeights.Read(_network);

    /// <summary>Sets the network's weights by PyTorch name; every tensor of <see cref="GetWeights"/> must be given, with its shape.</summary>
    public void SetWeights(IReadOnlyDictionary<string, NamedTensor> weights) => NetworkWeights.Write(_network, weights, "TrainingState.SetWeights");

    /// <summary>Writes the network's weights to a safetensors file under PyTorch's names (as <see cref="DeepModel.SaveWeights"/>).</summary>
    public void SaveWeights(string path) => SafeTensors.Write(path, NetworkWeights.Read(_network));

    /// <summary>A copy of the weights kept on the network's device (cheaper than <see cref="GetWeights"/>, for best-epoch bookkeeping).</summary>
    internal Dictionary<string, Tensor> Snapshot() => NetworkWeights.Snapshot(_network);

    /// <summary>Puts back a <see cref="Snapshot"/>.</summary>
    internal void Restore(Dictionary<string, Tensor> snapshot) => NetworkWeights.Restore(_network, snapshot);
}
