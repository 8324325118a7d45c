namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Trains a network through libtorch. The catalogs make one per task (<c>ml.Regression.Trainers.Mlp</c>,
/// <c>ml.MulticlassClassification.Trainers.Cnn</c>, ...); the task decides the labels, the output layer's
/// width and activation, the default loss and the columns of the returned <typeparamref name="TTransformer"/>.
/// </summary>
public sealed class DeepTrainer<TTransformer> : TrainerEstimatorBase<TTransformer, SequentialModel> where TTransformer : class, ITransformer
{
    private readonly DeepTrainerOptions _options;

    internal DeepTrainer(MLContext context, DeepTrainerOptions options, LearningTask task, Func<SequentialModel, string, DataViewSchema.Column, TTransformer> makeTransformer, string name)
        : base(context, task, name, (options ?? throw new ArgumentNullException(nameof(options))).LabelColumnName, options.FeatureColumnName, options.ExampleWeightColumnName, makeTransformer)
    {
        _options = options;
        options.Validate(User);
    }

    private protected override SequentialModel Train(IDataView input, IDataView? validationData, DataViewSchema.Column label)
    {
        if (validationData is not null && (_options.ValidationSet is not null || _options.ValidationFraction != 0))
            throw new ArgumentException($"{User}: validation data was passed to Fit and set in the options (ValidationSet or ValidationFraction); give it one way only.");
        int outputs = Task.OutputWidth(label);
        var architecture = Architecture(TrainingData.ShapeOf(input.Schema[FeatureColumn]), outputs);
        var train = Read(input, allowMissingFeatures: false);
        Task.CheckTargets(train, User);
        TrainingData? validation = null;
        if ((validationData ?? _options.ValidationSet) is IDataView validationSet)
        {
            validation = ReadValidation(validationSet, input, allowMissingFeatures: false);
        }
        else if (_options.ValidationFraction > 0)
        {
            (train, validation) = train.SplitTail(_options.ValidationFraction, User);
        }
        var classWeights = ClassWeights(label);
        var loop = new TrainingLoop(Context, _options, Task.MetricName, Task.MetricSum, User);
        return loop.Run(train.WithClassWeights(classWeights), validation?.WithClassWeights(classWeights), architecture, Task.LossSpec(_options.Loss, User));
    }

    private float[]? ClassWeights(DataViewSchema.Column label)
    {
        if (_options.ClassWeights is not float[] weights)
            return null;
        int classes = Task.ClassCount(label);
        if (classes == 0)
            throw new ArgumentException($"{User}: ClassWeights are for classification; regression has no classes.");
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
