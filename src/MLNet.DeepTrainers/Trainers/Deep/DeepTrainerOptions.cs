namespace MLNet.DeepTrainers.Trainers;

/// <summary>Options every deep trainer shares: columns, the training loop and where it runs.</summary>
public abstract class DeepTrainerOptions
{
    /// <summary>The label column.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The features column: Single scalars or a Single vector (shaped (channels, height, width) for images).</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>An optional column of per-example weights (Single, not negative).</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; set; } = 10;

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

    /// <summary>The seed of weight initialisation, dropout and shuffling; null draws one from the MLContext.</summary>
    public int? Seed { get; set; }

    /// <summary>libtorch's threads; null uses every core.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Receives a report after each epoch.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>The hidden layers of the network, before the output layer the task adds.</summary>
    internal abstract IReadOnlyList<Layer> BuildHiddenLayers();

    internal virtual void Validate(string user)
    {
        if (Epochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"{user}: the number of epochs must be positive.");
        if (BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{user}: the batch size must be positive.");
        if (ValidationFraction != 0 && !(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"{user}: the validation fraction must be in (0, 1), or 0 for none.");
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validate();
    }
}
