using MLNet.DeepTrainers.Distributed;

namespace MLNet.DeepTrainers;

/// <summary>
/// Trains a network on libtorch through TorchSharp, as an ML.NET trainer: it appends to any estimator
/// chain, cross-validates with ML.NET's <c>CrossValidate</c>, and its fitted
/// <see cref="DeepPredictionTransformer"/> adds the columns ML.NET's own trainers of the task add. The
/// catalogs make one per task (<c>ml.Regression.Trainers.Mlp</c>, <c>ml.MulticlassClassification.Trainers.Cnn</c>, ...).
/// </summary>
public sealed class DeepTrainer : IEstimator<DeepPredictionTransformer>
{
    /// <summary>
    /// Below this much work a step (batch size × weights, about its multiply-adds), a step is mostly the
    /// cost of calling libtorch, and two things make it cheaper (measured on the Boston MLP, batch 16 ×
    /// 5,000 weights, 4-fold CV): one libtorch thread instead of the pool (2.6 s against 3.7), and the
    /// parameters joined into one tensor (<see cref="FlatParameters"/>; 3.7-3.9 s against 4.3). Above it
    /// both cost: the MLP 512-512 (× 670,000) needs both cores, and with joined parameters its forward,
    /// backward and update each ran slower (7.1-7.5 ms a step against 5.4); Dense on Fashion-MNIST
    /// (× 7,850) ran alike either way.
    /// </summary>
    private const long SmallStepWork = 1 << 20;

    private readonly CatalogContext _context;
    private readonly LearningTask _task;
    private readonly DeepTrainerOptions _options;
    private readonly Microsoft.ML.Runtime.IHost _host;

    internal DeepTrainer(CatalogContext context, LearningTask task, DeepTrainerOptions options, string name)
    {
        _context = context;
        _task = task;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        User = $"{task.Catalog}.Trainers.{name}";
        options.Validate(User);
        task.CheckLoss(options.Loss, User);
        _host = context.Host(User);
    }

    /// <summary>The trainer's name in messages, such as "Regression.Trainers.Mlp".</summary>
    internal string User { get; }

    /// <summary>Trains on <paramref name="input"/>.</summary>
    public DeepPredictionTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, reporting validation values on <paramref name="validationData"/> each epoch (as ML.NET's trainers' Fit(train, validation)).</summary>
    public DeepPredictionTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        if (validationData is not null && (_options.ValidationSet is not null || _options.ValidationFraction != 0))
            throw new ArgumentException($"{User}: validation data was passed to Fit and set in the options (ValidationSet or ValidationFraction); give it one way only.");
        var (features, column, label, weight) = Columns(trainData.Schema, "training data");
        int outputs = _task.OutputWidth(label);
        var architecture = Architecture(features, outputs, column.IsNormalized());
        var train = TrainingData.Read(trainData, column, features, label, weight, _task, User);
        _task.CheckTargets(train.Targets, User);
        train.SparseFeatures?.CheckBatch(_options.BatchSize, features.Name, User);
        TrainingData? validation = null;
        if ((validationData ?? _options.ValidationSet) is IDataView validationSet)
        {
            var (_, vf, vl, vw) = Columns(validationSet.Schema, "validation data");
            if (!vf.Type.Equals(features.Type) || !vl.Type.Equals(label.Type))
                throw new ArgumentException($"{User}: the validation data's columns ({vf.Type}, {vl.Type}) differ from the training data's ({features.Type}, {label.Type}); transform it with the same pipeline stages.");
            validation = TrainingData.Read(validationSet, vf, features, vl, vw, _task, User);
        }
        else if (_options.ValidationFraction > 0)
        {
            (train, validation) = train.SplitTail(_options.ValidationFraction, User);
        }
        var classWeights = ClassWeights(label);
        var model = Train(architecture, train.WithClassWeights(classWeights), validation?.WithClassWeights(classWeights));
        return new DeepPredictionTransformer(model, _task, _task.Columns(label), features, label.Name);
    }

    /// <summary>The input's columns plus those the fitted model adds; the trainer's columns are checked first.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        FeatureColumn.Check(Find(inputSchema, _options.FeatureColumnName) ?? throw Missing("feature", _options.FeatureColumnName), _options, User);
        var label = Find(inputSchema, _options.LabelColumnName) ?? throw Missing("label", _options.LabelColumnName);
        if (!_task.AcceptsLabel(label))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{User}: the label column '{label.Name}' is {label.ItemType}{(label.IsKey ? " (key)" : "")}; {_task.LabelNeed}.");
        if (_options.ExampleWeightColumnName is string weightName)
        {
            var weight = Find(inputSchema, weightName) ?? throw Missing("example weight", weightName);
            if (weight.ItemType != NumberDataViewType.Single || weight.Kind != SchemaShape.Column.VectorKind.Scalar)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{User}: the example weight column '{weightName}' is {weight.ItemType}; a Single is needed.");
        }
        return _task.OutputShape(inputSchema);
    }

    private static SchemaShape.Column? Find(SchemaShape schema, string name) =>
        schema.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).LastOrDefault();

    private ArgumentOutOfRangeException Missing(string role, string name) =>
        new("inputSchema", $"{User}: the data has no {role} column '{name}'. Set {role switch { "feature" => "FeatureColumnName", "label" => "LabelColumnName", _ => "ExampleWeightColumnName" }} to the column's name, or create it earlier in the pipeline.");

    /// <summary>The feature (as the network reads it, and as a column), label and weight columns of <paramref name="schema"/>, checked before any work.</summary>
    private (FeatureColumn Features, DataViewSchema.Column Column, DataViewSchema.Column Label, DataViewSchema.Column? Weight) Columns(DataViewSchema schema, string what)
    {
        var column = schema.GetColumnOrNull(_options.FeatureColumnName) ?? throw Missing("feature", _options.FeatureColumnName);
        var features = FeatureColumn.Check(column, _options, User);
        var label = schema.GetColumnOrNull(_options.LabelColumnName) ?? throw Missing("label", _options.LabelColumnName);
        if (!_task.AcceptsLabel(label.Type))
            throw new ArgumentOutOfRangeException(nameof(schema), $"{User}: the label column '{label.Name}' of the {what} is {label.Type}; {_task.LabelNeed}.");
        DataViewSchema.Column? weight = null;
        if (_options.ExampleWeightColumnName is string weightName)
        {
            weight = schema.GetColumnOrNull(weightName) ?? throw Missing("example weight", weightName);
            if (weight.Value.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(schema), $"{User}: the example weight column '{weightName}' is {weight.Value.Type}; a Single is needed.");
        }
        return (features, column, label, weight);
    }

    /// <summary>
    /// Checks what can fail before training, then trains: where it was called, or, for a small step on the
    /// CPU, on a thread of its own (<see cref="BackgroundFits"/>), the model's first use waiting for it and
    /// rethrowing what training threw. Each fit's randomness is its own (starting weights and dropout from
    /// the network's own generators, shuffling from the fit's seed; none from libtorch's global generator),
    /// so where a fit runs changes nothing in its model. A fit with callbacks stays on the caller's thread,
    /// since its callback objects are shared with the trainer's other fits and may hold state (early
    /// stopping's best epoch) or touch the application's.
    /// </summary>
    private Task<DeepModel> Train(NetworkArchitecture architecture, TrainingData train, TrainingData? validation)
    {
        var start = _options.InitialWeights is string path ? StartingWeights(path, architecture) : null;
        if (start is null && _options.Epochs == 0)
            throw new ArgumentOutOfRangeException(nameof(DeepTrainerOptions.Epochs), 0, $"{User}: 0 epochs leaves a random network; give starting weights (InitialWeights) or train for at least one epoch.");
        int seed = _options.Seed ?? _host.Rand.Next();
        // The options as they are now: an application may change them for its next fit while this one trains.
        var options = _options.Snapshot();
        bool smallStep = (long)options.BatchSize * architecture.ParameterCount < SmallStepWork;
        var channel = _host.Start("Training");
        torch.Device device;
        try
        {
            int? localRank = options.Distributed ? DistributedEnvironment.Read(Environment.GetEnvironmentVariable).LocalRank : null;
            device = Devices.Resolve(_context, options.Device, localRank, message => channel.Warning(Microsoft.ML.Runtime.MessageSensitivity.None, message), User);
        }
        catch
        {
            channel.Dispose();
            throw;
        }

        DeepModel Run()
        {
            using var _ = channel;
            using var threads = TorchRuntime.UseThreads(options.NumberOfThreads, smallStep);
            using var parallel = options.Distributed ? DataParallel.Join(User) : null;
            int sharedSeed = parallel?.SharedSeed(seed) ?? seed;
            var network = architecture.Build(sharedSeed);
            if (start is not null)
                NetworkWeights.Write(network, start, User);
            else
            {
                if (network.FeatureStatistics is Normalization.Module normalization)
                {
                    if (train.SparseFeatures is SparseRows sparse)
                        normalization.Adapt(sparse);
                    else
                        normalization.Adapt(train.Features!, train.Width);
                }
                var labels = network.LabelStatistics;
                labels?.AdaptToLabels(train.Targets);
                if (architecture.OutputBias is string bias)
                {
                    var best = _task.StartingBias(train, architecture.OutputWidth);
                    NetworkWeights.Fill(network, bias, labels?.Standardise(best) ?? best);
                }
            }
            parallel?.ShareWeights(network);
            network.to(device);
            var loop = new TrainingLoop(options, _task, User, message => channel.Info(Microsoft.ML.Runtime.MessageSensitivity.None, message), joinParameters: smallStep, parallel);
            var history = loop.Run(network, device, train, validation, sharedSeed);
            network.to(torch.CPU);
            return new DeepModel(architecture, network, history);
        }

        // A rank's fit stays on the caller's thread, so that its collectives come in the order the application's fits do.
        bool inBackground = smallStep && device.type == DeviceType.CPU && options.Callbacks.Count == 0 && TorchRuntime.ThreadsPerThread && !options.Distributed;
        return inBackground ? BackgroundFits.Start(Run, User) : Task.FromResult(Run());
    }

    /// <summary>The weights of <see cref="DeepTrainerOptions.InitialWeights"/>, which hold a Normalization's statistics when the network has one.</summary>
    private Dictionary<string, NamedTensor> StartingWeights(string path, NetworkArchitecture architecture)
    {
        try
        {
            return SafeTensors.Read(path, architecture.Tensors(), User);
        }
        catch (InvalidDataException e) when (AddedNormalizations(architecture) is { Length: > 0 } added)
        {
            throw new InvalidDataException(e.Message + added, e);
        }
    }

    /// <summary>The Normalization layers the trainer added to the user's, whose statistics starting weights must hold too, and how to leave each out; empty if none.</summary>
    private string AddedNormalizations(NetworkArchitecture architecture)
    {
        var own = _options.BuildLayers(architecture.OutputWidth);
        string added = "";
        if (architecture.Layers[0] is Normalization { Invert: false } && own[0] is not Normalization { Invert: false })
            added += $" The network begins with a Normalization the trainer added (NormalizeInputs is {_options.NormalizeInputs}), whose statistics starting weights must hold; " +
                "set NormalizeInputs to InputNormalization.No to start from weights of the network without it.";
        if (architecture.Layers[^1] is Normalization { Invert: true } && own[^1] is not Normalization { Invert: true })
            added += " The network ends with an inverting Normalization the trainer added for the label (NormalizeLabel is true), whose statistics starting weights must hold; " +
                "set NormalizeLabel to false to start from weights of the network without it.";
        return added;
    }

    private float[]? ClassWeights(DataViewSchema.Column label)
    {
        if (_options.ClassWeights is not float[] weights)
            return null;
        int classes = _task.ClassCount(label);
        if (classes == 0)
            throw new ArgumentException($"{User}: ClassWeights weigh the classes of a binary or multiclass label; {_task.Catalog} has none to weigh.");
        if (weights.Length != classes)
            throw new ArgumentException($"{User}: ClassWeights has {weights.Length} weights, but the label has {classes} classes.");
        return weights;
    }

    /// <summary>
    /// The user's layers checked against the task and the features: a <see cref="Normalization"/> first where
    /// <see cref="DeepTrainerOptions.NormalizeInputs"/> asks for one (never over token indices, which are
    /// looked up, not measured), an inverting one last where <see cref="DeepTrainerOptions.NormalizeLabel"/>
    /// does, the right output width, a final sigmoid or softmax taken over by the task.
    /// </summary>
    private NetworkArchitecture Architecture(FeatureColumn features, int outputs, bool normalized)
    {
        var layers = _options.BuildLayers(outputs).ToList();
        int misplaced = layers.FindLastIndex(l => l is Normalization { Invert: false });
        if (misplaced > 0)
            throw new ArgumentException($"{User}: layer {misplaced} is a Normalization; it is adapted to the training data's features, so it can only be the first layer.");
        int inverting = layers.FindIndex(l => l is Normalization { Invert: true });
        if (inverting >= 0 && (inverting < layers.Count - 1 || !_task.LabelHasUnits))
            throw new ArgumentException($"{User}: layer {inverting} is an inverting Normalization; it is adapted to a regression label, so it can only be the last layer of a regression network.");
        if (features.IndexBound is not null && (_options.NormalizeInputs == InputNormalization.Yes || misplaced == 0))
            throw new ArgumentException($"{User}: the feature column '{features.Name}' holds token indices (keys), which name tokens rather than measure anything, so they are not standardised: " +
                (misplaced == 0 ? "remove the Normalization layer." : "leave NormalizeInputs at Auto or set it to No."));
        bool normalize = _options.NormalizeInputs switch
        {
            InputNormalization.Yes => true,
            InputNormalization.No => false,
            // Token indices are not measurements: an Embedding reads them as they are, whether keys or Single values.
            _ => !normalized && features.IndexBound is null && layers.FirstOrDefault() is not Embedding,
        };
        if (normalize && layers.Count > 0 && layers[0] is not Normalization { Invert: false })
            layers.Insert(0, new Normalization());
        if (_task.FoldedActivation is ActivationKind kind)
        {
            if (layers[^1] is Dense dense && dense.Activation == kind)
                layers[^1] = dense with { Activation = ActivationKind.Linear };
            else if (layers[^1] is Activation activation && activation.Kind == kind && layers.Count > 1)
                layers.RemoveAt(layers.Count - 1);
        }
        int outputLayer = layers.Count - 1;
        // Only after a linear output: a last activation of the user's (relu for a price, sigmoid for a share) bounds the label's own units.
        if (_task.LabelHasUnits && _options.NormalizeLabel && layers.Count > 0 && layers[^1] is Dense { Activation: ActivationKind.Linear })
            layers.Add(new Normalization { Invert = true });
        NetworkArchitecture architecture;
        try
        {
            architecture = new NetworkArchitecture(_options.InputShape(features.Shape), layers, features.IndexBound);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{User}: {e.Message}", e);
        }
        if (architecture.OutputWidth != outputs)
            throw new ArgumentException($"{User}: the last layer ({layers[outputLayer].TypeName}, index {outputLayer}) outputs {architecture.OutputWidth} values, but this task needs {outputs}" +
                (outputs > 1 ? ", one per class of the label." : "."));
        return architecture;
    }
}
