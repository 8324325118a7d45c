namespace MLNet.DeepTrainers.Deep;

/// <summary>Options every deep trainer shares: columns, the training loop and where it runs.</summary>
public abstract class DeepTrainerOptions
{
    /// <summary>The label column.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The features column: Single scalars or a Single vector (shaped (channels, height, width) for images).</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>An optional column of per-example weights (Single, not negative).</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>
    /// Passes over the training data. 0 is allowed only when training starts from given weights
    /// (<see cref="InitialWeightsPath"/> or <c>Fit(data, model)</c>): the model then has exactly those weights.
    /// </summary>
    public int Epochs { get; set; } = 10;

    /// <summary>
    /// A safetensors file of weights to start from instead of a random initialisation: a warm start,
    /// or fine-tuning of a network trained elsewhere. Names and shapes are PyTorch's for the same
    /// network as an <c>nn.Sequential</c> (<see cref="SequentialModel.Weights"/> lists them; a
    /// state_dict's <c>num_batches_tracked</c> counters are accepted and ignored); anything else, missing
    /// or extra is an <see cref="InvalidDataException"/> naming the tensor.
    /// </summary>
    public string? InitialWeightsPath { get; set; }

    /// <summary>Examples per gradient step (Keras's default 32).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>The optimizer and its learning rate (Adam 1e-3 by default).</summary>
    public Optimizer Optimizer { get; set; } = new Adam();

    /// <summary>The loss; null means the task's own.</summary>
    public LossFunction? Loss { get; set; }

    /// <summary>Whether the training rows are visited in a new random order each epoch.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// The fraction of rows held out to report a validation loss each epoch: the last rows, before any
    /// shuffling, as Keras's <c>validation_split</c>. 0 holds none out.
    /// </summary>
    public double ValidationFraction { get; set; }

    /// <summary>
    /// Validation data instead of <see cref="ValidationFraction"/>. It needs the trainer's input columns
    /// (the features as the pipeline's earlier stages produce them: transform it with those stages).
    /// </summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>Stops training when a monitored quantity stops improving; null for none.</summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>Changes the learning rate from epoch to epoch; null keeps the optimizer's.</summary>
    public LearningRateSchedule? LearningRateSchedule { get; set; }

    /// <summary>Keras's class_weight: a weight per class (binary: [false, true]; multiclass: key order) multiplying each example's loss.</summary>
    public float[]? ClassWeights { get; set; }

    /// <summary>Where to train; null follows <see cref="MLContext.GpuDeviceId"/> and <see cref="MLContext.FallbackToCpu"/>.</summary>
    public DeviceKind? Device { get; set; }

    /// <summary>
    /// Stops training between batches. The trainer then returns the model as it was after the last
    /// finished epoch, with <see cref="TrainingHistory.StopReason"/> saying so (or throws if no epoch finished).
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>The seed of weight initialisation, dropout and shuffling; null draws one from the MLContext.</summary>
    public int? Seed { get; set; }

    /// <summary>libtorch's threads; null uses every core.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Receives a report after each epoch.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>The layers of the network for a task of <paramref name="outputs"/> outputs, the output layer included.</summary>
    internal abstract IReadOnlyList<Layer> BuildLayers(int outputs);

    internal virtual void Validate(string user)
    {
        if (Epochs < 0)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"{user}: the number of epochs must not be negative.");
        if (BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{user}: the batch size must be positive.");
        if (ValidationFraction != 0 && !(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"{user}: the validation fraction must be in (0, 1), or 0 for none.");
        if (ValidationFraction != 0 && ValidationSet is not null)
            throw new ArgumentException($"{user}: set ValidationFraction or ValidationSet, not both.");
        if (EarlyStopping is { Patience: < 0 })
            throw new ArgumentOutOfRangeException(nameof(EarlyStopping), EarlyStopping.Patience, $"{user}: early stopping's patience must not be negative.");
        if (ClassWeights is not null && ClassWeights.Any(w => !(w >= 0) || !float.IsFinite(w)))
            throw new ArgumentOutOfRangeException(nameof(ClassWeights), $"{user}: class weights must be finite and not negative.");
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validate();
    }
}
