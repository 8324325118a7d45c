namespace MLNet.DeepTrainers;

/// <summary>Options every deep trainer shares: columns, the training loop and where it runs.</summary>
public abstract class DeepTrainerOptions
{
    /// <summary>The label column: Single for regression, Boolean for binary classification, a key for multiclass.</summary>
    public string LabelColumnName { get; set; } = Defaults.LabelColumnName;

    /// <summary>
    /// The features column: Single values (a known-size vector, dense or sparse, as Concatenate or the bags of
    /// words make it; shaped (channels, height, width) for images), or token indices: a vector of keys, as
    /// TokenizeIntoWords then MapValueToKey make it (see <see cref="MaxSequenceLength"/>).
    /// </summary>
    public string FeatureColumnName { get; set; } = Defaults.FeatureColumnName;

    /// <summary>An optional column of per-example weights (Single, not negative), as ML.NET's trainers take.</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>
    /// For features that are a vector of keys: the number of token indices the network reads per row (Keras's
    /// <c>pad_sequences</c> <c>maxlen</c>). Key k becomes index k and a missing key index 0, which is also the
    /// padding; longer rows are truncated. Needed when the vector's length varies; a known-size vector of keys
    /// is read at its size when this is null.
    /// </summary>
    public int? MaxSequenceLength { get; set; }

    /// <summary>Where a shorter row of keys is padded with index 0: before its tokens (Keras's default) or after them.</summary>
    public SequenceSide SequencePadding { get; set; } = Defaults.SequencePadding;

    /// <summary>Which tokens a longer row of keys loses: its first ones (Keras's default) or its last ones.</summary>
    public SequenceSide SequenceTruncating { get; set; } = Defaults.SequenceTruncating;

    /// <summary>Passes over the training data. 0 is allowed only with <see cref="InitialWeights"/>: the model then has exactly those weights.</summary>
    public int Epochs { get; set; } = Defaults.Epochs;

    /// <summary>
    /// Whether the network begins by standardising its inputs with the training data's mean and variance
    /// (a <see cref="Normalization"/> layer, saved with the model). <see cref="InputNormalization.Auto"/>
    /// does so unless ML.NET's normalisers already did: ML.NET's own trainers do well on raw features, and
    /// a network trained by gradient descent does not.
    /// </summary>
    public InputNormalization NormalizeInputs { get; set; } = Defaults.NormalizeInputs;

    /// <summary>
    /// Regression: whether a network whose last layer is a linear Dense ends with an inverting <see cref="Normalization"/>
    /// adapted to the training labels, so that its other layers learn the label standardised and predictions come out
    /// in the label's units. A label in dollars or in thousandths then trains as well as one near 1; the loss, the
    /// metric and the predictions stay in the label's units. A last layer with an activation of its own (relu for a
    /// price, sigmoid for a share) bounds the label's own units and is left alone; classification ignores the option.
    /// </summary>
    public bool NormalizeLabel { get; set; } = Defaults.NormalizeLabel;

    /// <summary>Rows per gradient step.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>The optimizer and its learning rate (Adam 1e-3 by default).</summary>
    public Optimizer Optimizer { get; set; } = new Adam(Defaults.LearningRate);

    /// <summary>The loss; null means the task's own.</summary>
    public LossFunction? Loss { get; set; }

    /// <summary>Whether the training rows are visited in a new random order each epoch.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>The fraction of rows held out to report validation values each epoch: the last rows, before any shuffling, as Keras's <c>validation_split</c>. 0 holds none out.</summary>
    public double ValidationFraction { get; set; }

    /// <summary>
    /// Validation data instead of <see cref="ValidationFraction"/>, with the trainer's input columns (the
    /// features as the pipeline's earlier stages produce them: transform it with those stages first).
    /// </summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>
    /// What the loop tells after each epoch and what may change the run: <see cref="EarlyStopping"/>,
    /// <see cref="LearningRateScheduler"/> and its decays, <see cref="ReduceLearningRateOnPlateau"/>,
    /// <see cref="ModelCheckpoint"/>, <see cref="ProgressCallback"/>, or the user's own <see cref="TrainingCallback"/>.
    /// </summary>
    public IList<TrainingCallback> Callbacks { get; set; } = [];

    /// <summary>Keras's class_weight: a weight per class (binary: [false, true]; multiclass: key order) multiplying each example's loss.</summary>
    public float[]? ClassWeights { get; set; }

    /// <summary>
    /// A safetensors file of weights to start from instead of a random initialisation: a warm start,
    /// or a network trained elsewhere. Names and shapes are PyTorch's for the same network as an
    /// <c>nn.Sequential</c> (<see cref="DeepModel.GetWeights"/> lists them).
    /// </summary>
    public string? InitialWeights { get; set; }

    /// <summary>The seed of weight initialisation, dropout and shuffling; null takes one from the MLContext (repeatable with <c>new MLContext(seed: s)</c>).</summary>
    public int? Seed { get; set; }

    /// <summary>Where to train; null means <see cref="DeviceKind.Auto"/>.</summary>
    public DeviceKind? Device { get; set; }

    /// <summary>
    /// libtorch's threads for this fit; null chooses: one for a small step (batch size × weights under
    /// 2^20, where libtorch's pool costs more than it gains), else libtorch's setting (one per core).
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Stops training between batches; the model is then the one after the last finished epoch (an error if none finished).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Trains as one process (rank) of several, each with its own rows, as PyTorch's DDP does: the
    /// processes join over Gloo where torchrun's variables (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK)
    /// say, start from rank 0's seed and weights, and average their gradients every step (through host
    /// memory, on a GPU too: NCCL is not used). Every rank must
    /// fit with the same options; the models end equal, and rank 0 saves. Off by default: the variables
    /// alone do not turn it on, since a process started by torchrun for other reasons may fit on its own.
    /// </summary>
    public bool Distributed { get; set; }

    /// <summary>The layers of the network for a task of <paramref name="outputs"/> outputs, the output layer included.</summary>
    internal abstract IReadOnlyList<Layer> BuildLayers(int outputs);

    /// <summary>
    /// The shape the network reads, given the feature column's (its dimensions, such as (1, 28, 28)).
    /// Networks of Dense layers read every vector flat, as ML.NET's trainers do; CNN and Sequential
    /// networks read the column's dimensions, as Keras's layers do.
    /// </summary>
    internal virtual int[] InputShape(int[] columnShape) => [Layer.Product(columnShape)];

    /// <summary>A copy of these options (and of the callback list) for one fit, which later changes to these leave alone.</summary>
    internal DeepTrainerOptions Snapshot()
    {
        var copy = (DeepTrainerOptions)MemberwiseClone();
        copy.Callbacks = [.. Callbacks];
        return copy;
    }

    internal virtual void Validate(string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(LabelColumnName);
        ArgumentException.ThrowIfNullOrEmpty(FeatureColumnName);
        if (Epochs < 0)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"{user}: the number of epochs must not be negative.");
        if (BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{user}: the batch size must be positive.");
        if (ValidationFraction != 0 && !(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"{user}: the validation fraction must be in (0, 1), or 0 for none.");
        if (ValidationFraction != 0 && ValidationSet is not null)
            throw new ArgumentException($"{user}: set ValidationFraction or ValidationSet, not both.");
        if (ClassWeights is not null && ClassWeights.Any(w => !(w >= 0) || !float.IsFinite(w)))
            throw new ArgumentOutOfRangeException(nameof(ClassWeights), $"{user}: class weights must be finite and not negative.");
        if (Callbacks is null || Callbacks.Any(c => c is null))
            throw new ArgumentException($"{user}: Callbacks must be a list without nulls.");
        if (Device is DeviceKind device && !Enum.IsDefined(device))
            throw new ArgumentOutOfRangeException(nameof(Device), device, $"{user}: Device must be Auto, Cpu or Cuda.");
        if (!Enum.IsDefined(NormalizeInputs))
            throw new ArgumentOutOfRangeException(nameof(NormalizeInputs), NormalizeInputs, $"{user}: NormalizeInputs must be Auto, Yes or No.");
        if (MaxSequenceLength is <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxSequenceLength), MaxSequenceLength, $"{user}: MaxSequenceLength must be positive, or null to read a known-size vector of keys at its size.");
        if (!Enum.IsDefined(SequencePadding) || !Enum.IsDefined(SequenceTruncating))
            throw new ArgumentOutOfRangeException(nameof(SequencePadding), $"{user}: SequencePadding and SequenceTruncating must be Pre or Post.");
        if (NumberOfThreads is <= 0)
            throw new ArgumentOutOfRangeException(nameof(NumberOfThreads), NumberOfThreads, $"{user}: NumberOfThreads must be positive, or null to let the trainer choose.");
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validate();
    }
}
