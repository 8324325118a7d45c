namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Trains a network through libtorch. The catalogs make one per task (<c>ml.Regression.Trainers.Mlp</c>,
/// <c>ml.MulticlassClassification.Trainers.Cnn</c>, ...); the task decides the labels, the output layer's
/// width and activation, the default loss and the columns of the returned <typeparamref name="TTransformer"/>.
/// </summary>
public sealed class DeepTrainer<TTransformer> : TrainerEstimatorBase<TTransformer, SequentialModel>, Evaluation.IConcurrentFolds where TTransformer : class, ITransformer
{
    // A batch's products between layers below this many multiply-adds take a few microseconds: the
    // shim would not split them across threads (ThreadSplit.h), so the threads idle during a fit.
    private const long SmallBatchWork = 1 << 20;

    private readonly DeepTrainerOptions _options;

    internal DeepTrainer(MLContext context, DeepTrainerOptions options, LearningTask task, Func<SequentialModel, string, DataViewSchema.Column, TTransformer> makeTransformer, string name)
        : base(context, task, name, (options ?? throw new ArgumentNullException(nameof(options))).LabelColumnName, options.FeatureColumnName, options.ExampleWeightColumnName, makeTransformer)
    {
        _options = options;
        options.Validate(User);
    }

    /// <summary>
    /// Continues training <paramref name="modelParameters"/> (ML.NET's continued-training pattern): the
    /// network starts from its weights instead of a random initialisation. The trainer's layers must
    /// give the same tensors (names and shapes); the optimizer starts afresh, as in ML.NET.
    /// </summary>
    public TTransformer Fit(IDataView trainData, SequentialModel modelParameters)
    {
        ArgumentNullException.ThrowIfNull(modelParameters);
        if (_options.InitialWeightsPath is not null)
            throw new ArgumentException($"{User}: Fit was given a model to continue and the options name InitialWeightsPath; give the starting weights one way only.", nameof(modelParameters));
        return Fit(trainData, null, nameof(trainData), (input, validation, label) => Train(input, validation, label, architecture =>
        {
            var start = modelParameters.Weights;
            var expected = architecture.Tensors();
            var different = expected.Where(t => !start.TryGetValue(t.Key, out var w) || !w.Shape.SequenceEqual(t.Value)).Select(t => t.Key)
                .Concat(start.Keys.Where(k => !expected.ContainsKey(k))).ToList();
            if (different.Count > 0)
                throw new ArgumentException($"{User}: the model to continue does not fit this trainer's network: the tensor{(different.Count > 1 ? "s" : "")} " +
                    $"{string.Join(", ", different.Select(d => $"'{d}'"))} differ{(different.Count > 1 ? "" : "s")} in name or shape. Use the layers the model was trained with.", nameof(modelParameters));
            return start.ToDictionary();
        }));
    }

    /// <summary>
    /// A network asked to run on the CPU, without convolutions, whose products between its layers (the input's
    /// width aside, unknown before the data is read) are small for a batch: the seeds' Boston MLP is,
    /// the Fashion-MNIST MLP 512-512 is not.
    /// </summary>
    bool? Evaluation.IConcurrentFolds.FoldsRunBetterSideBySide
    {
        get
        {
            if (!Devices.AsksForCpu(Context, _options.Device))
                return false;
            var layers = _options.BuildLayers(1);
            if (layers.Any(l => l is Conv2D))
                return false;
            var widths = layers.OfType<Dense>().Select(d => (long)d.Units).ToList();
            long work = widths.Zip(widths.Skip(1), (a, b) => a * b).Sum() * _options.BatchSize;
            return work <= SmallBatchWork;
        }
    }

    private protected override SequentialModel Train(IDataView input, IDataView? validationData, DataViewSchema.Column label) =>
        Train(input, validationData, label, architecture => _options.InitialWeightsPath is string path ? WeightsFile.Read(path, architecture.Tensors(), User) : null);

    private SequentialModel Train(IDataView input, IDataView? validationData, DataViewSchema.Column label, Func<NetworkArchitecture, Dictionary<string, NamedTensor>?> startingWeights)
    {
        if (validationData is not null && (_options.ValidationSet is not null || _options.ValidationFraction != 0))
            throw new ArgumentException($"{User}: validation data was passed to Fit and set in the options (ValidationSet or ValidationFraction); give it one way only.");
        int outputs = Task.OutputWidth(label);
        var architecture = Architecture(TrainingData.ShapeOf(input.Schema[FeatureColumn]), outputs);
        CheckEmbeddingInput(architecture, input.Schema[FeatureColumn]);
        var start = startingWeights(architecture);
        if (start is null && _options.Epochs == 0)
            throw new ArgumentOutOfRangeException(nameof(DeepTrainerOptions.Epochs), 0, $"{User}: 0 epochs leaves a random network; give starting weights (InitialWeightsPath or Fit(data, model)) or train for at least one epoch.");
        var train = Read(input, allowMissingFeatures: false);
        // A shard of a distributed run may well hold one class only.
        if (Context.DistributedTraining?.ShardedData != true)
            Task.CheckTargets(train.Labels, User);
        CheckIndices(architecture, train, "training data");
        TrainingData? validation = null;
        if ((validationData ?? _options.ValidationSet) is IDataView validationSet)
        {
            validation = ReadValidation(validationSet, input, allowMissingFeatures: false);
            CheckIndices(architecture, validation, "validation data");
        }
        else if (_options.ValidationFraction > 0)
        {
            (train, validation) = train.SplitTail(_options.ValidationFraction, User);
        }
        var classWeights = ClassWeights(label);
        var loop = new TrainingLoop(Context, _options, Task.MetricName, Task.MetricSum, User);
        return loop.Run(train.WithClassWeights(classWeights), validation?.WithClassWeights(classWeights), architecture, Task.LossSpec(_options.Loss, User), start, ColumnsDigest(input));
    }

    private protected override bool ReadsKeys => true;

    private protected override bool LearnsVectorLabels => true;

    /// <summary>Keys are token indices: only an Embedding reads them, and it must have a row for every key.</summary>
    private void CheckEmbeddingInput(NetworkArchitecture architecture, DataViewSchema.Column features)
    {
        if (!FeatureReader.IsKeyVector(features.Type))
            return;
        ulong keys = ((KeyDataViewType)features.Type.ItemType()!).Count;
        if (architecture.Layers[0] is not Embedding embedding)
            throw new ArgumentException($"{User}: the feature column '{features.Name}' holds keys (token indices), which only an Embedding layer can read, but the first layer is {architecture.Layers[0].TypeName}. " +
                "Start the network with Embedding(inputDim, outputDim), or turn the tokens into counts with ProduceNgrams or ProduceWordBags for Dense layers.");
        if ((ulong)embedding.InputDim <= keys)
            throw new ArgumentException($"{User}: the feature column '{features.Name}' has keys 0 to {keys} (key 0 is padding or an unknown word), but Embedding(inputDim: {embedding.InputDim}) has rows for indices 0 to {embedding.InputDim - 1}; use inputDim: {keys + 1}.");
    }

    /// <summary>An Embedding's Single inputs must be whole numbers in [0, inputDim): a row that holds another value is named.</summary>
    private void CheckIndices(NetworkArchitecture architecture, TrainingData data, string dataName)
    {
        if (architecture.Layers[0] is not Embedding embedding)
            return;
        var x = new float[data.Width];
        for (int row = 0; row < data.Rows; row++)
        {
            data.Features.CopyRow(row, x);
            for (int i = 0; i < x.Length; i++)
            {
                float v = x[i];
                if (!(v >= 0 && v < embedding.InputDim && v == MathF.Floor(v)))
                    throw new InvalidOperationException($"{User}: row {row} of the {dataName}'s feature column '{FeatureColumn}' has {v} in slot {i}, which is not a token index of the Embedding (a whole number from 0 to {embedding.InputDim - 1}).");
            }
        }
    }

    private float[]? ClassWeights(DataViewSchema.Column label)
    {
        if (_options.ClassWeights is not float[] weights)
            return null;
        int classes = Task.ClassCount(label);
        if (classes == 0)
            throw new ArgumentException($"{User}: ClassWeights weigh the classes of a binary or multiclass label; {Task.Catalog} has none to weigh.");
        if (weights.Length != classes)
            throw new ArgumentException($"{User}: ClassWeights has {weights.Length} weights, but the label has {classes} classes.");
        return weights;
    }

    /// <summary>The user's layers checked against the task: the right output width, a final sigmoid or softmax taken over by the task.</summary>
    private NetworkArchitecture Architecture(int[] inputShape, int outputs)
    {
        var layers = _options.BuildLayers(outputs).ToList();
        var folded = Task.FoldedActivation;
        if (folded is ActivationKind kind)
        {
            if (layers[^1] is Dense dense && dense.Activation == kind)
                layers[^1] = dense with { Activation = ActivationKind.Linear };
            else if (layers[^1] is Activation activation && activation.Kind == kind && layers.Count > 1)
                layers.RemoveAt(layers.Count - 1);
        }
        var architecture = new NetworkArchitecture(inputShape, layers, Task.PredictionActivation);
        if (architecture.OutputWidth != outputs)
            throw new ArgumentException($"{User}: the last layer ({layers[^1].TypeName}, index {layers.Count - 1}) outputs {architecture.OutputWidth} values, but this task needs {outputs}" +
                (outputs > 1 ? ", one per class of the label." : "."));
        return architecture;
    }
}
