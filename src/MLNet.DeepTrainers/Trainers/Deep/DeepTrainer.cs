using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// Trains a network through libtorch. The catalogs make one per task (<c>ml.Regression.Trainers.Mlp</c>,
/// <c>ml.MulticlassClassification.Trainers.Cnn</c>, ...); the task decides the labels, the output layer's
/// width and activation, the default loss and the columns of the returned <typeparamref name="TTransformer"/>.
/// </summary>
public sealed class DeepTrainer<TTransformer> : IEstimator<TTransformer> where TTransformer : class, ITransformer
{
    private readonly MLContext _context;
    private readonly DeepTrainerOptions _options;
    private readonly LearningTask _task;
    private readonly Func<SequentialModel, string, DataViewSchema.Column, TTransformer> _makeTransformer;
    private readonly string _user;

    internal DeepTrainer(MLContext context, DeepTrainerOptions options, LearningTask task, Func<SequentialModel, string, DataViewSchema.Column, TTransformer> makeTransformer, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _options = options;
        _task = task;
        _makeTransformer = makeTransformer;
        _user = $"{task.Catalog}.Trainers.{name}";
        options.Validate(_user);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.Require(_options.FeatureColumnName, _user, c => c.IsSingle, "Single values or a Single vector (Concatenate the feature columns first)");
        if (_options.ExampleWeightColumnName is string weights)
            inputSchema.Require(weights, _user, c => c.IsSingle && c.Kind == SchemaShape.Column.VectorKind.Scalar, "Single weights");
        return inputSchema.With(_task.Outputs(inputSchema, _options.LabelColumnName, _user));
    }

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var label = input.Schema[_options.LabelColumnName];
        int outputs = _task.OutputWidth(label);
        var architecture = Architecture(TrainingData.ShapeOf(input.Schema[_options.FeatureColumnName]), outputs);
        var train = Read(input);
        _task.CheckTargets(train, _user);
        TrainingData? validation = null;
        if (_options.ValidationSet is IDataView validationSet)
        {
            GetOutputSchema(SchemaShape.Create(validationSet.Schema));
            validation = Read(validationSet);
        }
        else if (_options.ValidationFraction > 0)
        {
            (train, validation) = train.SplitTail(_options.ValidationFraction, _user);
        }
        var classWeights = ClassWeights(label);
        var loop = new TrainingLoop(_context, _options, _task.MetricName, _task.MetricSum, _user);
        var model = loop.Run(train.WithClassWeights(classWeights), validation?.WithClassWeights(classWeights), architecture, _task.LossSpec(_options.Loss, _user));
        return _makeTransformer(model, _options.FeatureColumnName, label);
    }

    private TrainingData Read(IDataView data) =>
        TrainingData.Read(data, _options.FeatureColumnName, _task.Labels(data.Schema[_options.LabelColumnName], _user), _options.ExampleWeightColumnName, _user);

    private float[]? ClassWeights(DataViewSchema.Column label)
    {
        if (_options.ClassWeights is not float[] weights)
            return null;
        int classes = _task.ClassCount(label);
        if (classes == 0)
            throw new ArgumentException($"{_user}: ClassWeights are for classification; regression has no classes.");
        if (weights.Length != classes)
            throw new ArgumentException($"{_user}: ClassWeights has {weights.Length} weights, but the label has {classes} classes.");
        return weights;
    }

    /// <summary>The user's layers checked against the task: the right output width, a final sigmoid or softmax taken over by the task.</summary>
    private NetworkArchitecture Architecture(int[] inputShape, int outputs)
    {
        var layers = _options.BuildLayers(outputs).ToList();
        var folded = _task.FoldedActivation;
        if (folded is ActivationKind kind)
        {
            if (layers[^1] is Dense dense && dense.Activation == kind)
                layers[^1] = dense with { Activation = ActivationKind.Linear };
            else if (layers[^1] is Activation activation && activation.Kind == kind && layers.Count > 1)
                layers.RemoveAt(layers.Count - 1);
        }
        var architecture = new NetworkArchitecture(inputShape, layers, _task.PredictionActivation);
        if (architecture.OutputWidth != outputs)
            throw new ArgumentException($"{_user}: the last layer ({layers[^1].TypeName}, index {layers.Count - 1}) outputs {architecture.OutputWidth} values, but this task needs {outputs}" +
                (outputs > 1 ? ", one per class of the label." : "."));
        return architecture;
    }
}
