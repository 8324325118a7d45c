namespace MLNet.DeepTrainers;

/// <summary>
/// The entry point, as in ML.NET: catalogs of data operations, transforms, trainers and model files,
/// and the source of randomness. With a seed, every random choice (splits, shuffles, weight
/// initialisation, dropout) repeats exactly on the CPU.
/// </summary>
public sealed class MLContext
{
    private readonly Random _random;
    private readonly object _randomLock = new();
    // Work that runs side by side (cross-validation folds) draws its seeds from a sequence of its own,
    // so what each gets does not depend on which asked first.
    private readonly AsyncLocal<Random?> _ownSequence = new();

    /// <summary>A context; <paramref name="seed"/> makes its random choices repeatable.</summary>
    public MLContext(int? seed = null)
    {
        _random = seed is int s ? new Random(s) : new Random();
        Data = new DataOperationsCatalog(this);
        Transforms = new TransformsCatalog();
        Regression = new RegressionCatalog(this);
        BinaryClassification = new BinaryClassificationCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        MultiLabelClassification = new MultiLabelClassificationCatalog(this);
        Model = new ModelOperationsCatalog(this);
    }

    /// <summary>Messages from training and other long operations.</summary>
    public event EventHandler<LoggingEventArgs>? Log;

    /// <summary>Loading, splitting, shuffling and caching data.</summary>
    public DataOperationsCatalog Data { get; }

    /// <summary>Transforms.</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Regression trainers, evaluation and cross-validation.</summary>
    public RegressionCatalog Regression { get; }

    /// <summary>Binary classification evaluation and cross-validation.</summary>
    public BinaryClassificationCatalog BinaryClassification { get; }

    /// <summary>Multiclass classification evaluation and cross-validation.</summary>
    public MulticlassClassificationCatalog MulticlassClassification { get; }

    /// <summary>Beyond ML.NET: networks for vector-of-Boolean labels (several classes true at once), their evaluation and cross-validation.</summary>
    public MultiLabelClassificationCatalog MultiLabelClassification { get; }

    /// <summary>Saving, loading and prediction engines.</summary>
    public ModelOperationsCatalog Model { get; }

    /// <summary>The assemblies whose custom-mapping factories loaded model files may use.</summary>
    public ComponentCatalog ComponentCatalog { get; } = new();

    /// <summary>The CUDA device deep trainers use by default; null means the CPU (as in ML.NET).</summary>
    public int? GpuDeviceId { get; set; }

    /// <summary>Whether a deep trainer asked for a GPU that is not there trains on the CPU instead of failing.</summary>
    public bool FallbackToCpu { get; set; }

    /// <summary>
    /// Beyond ML.NET: train on several processes together (<see cref="MLNet.DeepTrainers.DistributedTraining.FromEnvironment"/>);
    /// null, the default, trains in this process alone. With it, only rank 0 writes model files and reports progress.
    /// </summary>
    public DistributedTraining? DistributedTraining { get; set; }

    /// <summary>The next seed for a component that needs randomness.</summary>
    internal int NextSeed()
    {
        if (_ownSequence.Value is Random own)
            return own.Next();
        lock (_randomLock)
            return _random.Next();
    }

    /// <summary>Runs <paramref name="work"/> with every seed it asks for drawn from a sequence that starts at <paramref name="seed"/>.</summary>
    internal T WithOwnSeeds<T>(int seed, Func<T> work)
    {
        var outer = _ownSequence.Value;
        _ownSequence.Value = new Random(seed);
        try
        {
            return work();
        }
        finally
        {
            _ownSequence.Value = outer;
        }
    }

    internal void WriteLog(ChannelMessageKind kind, string source, string message) =>
        Log?.Invoke(this, new LoggingEventArgs(message, kind, source));
}
