namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// The deep trainers every task's catalog offers (<c>ml.Regression.Trainers</c>,
/// <c>ml.BinaryClassification.Trainers</c>, <c>ml.MulticlassClassification.Trainers</c>): each
/// with a simple overload of the common parameters and one taking an options object.
/// </summary>
public abstract class DeepTrainerCatalog<TTransformer> where TTransformer : class, ITransformer
{
    private readonly Func<SequentialModel, string, DataViewSchema.Column, TTransformer> _makeTransformer;

    private protected DeepTrainerCatalog(MLContext context, LearningTask task, Func<SequentialModel, string, DataViewSchema.Column, TTransformer> makeTransformer)
    {
        Context = context;
        Task = task;
        _makeTransformer = makeTransformer;
    }

    private protected MLContext Context { get; }

    private protected LearningTask Task { get; }

    /// <summary>One Dense layer from the features to the outputs (linear, logistic or softmax regression), Adam at <paramref name="learningRate"/>.</summary>
    public DeepTrainer<TTransformer> Dense(string labelColumnName = "Label", string featureColumnName = "Features", int epochs = 10, int batchSize = 32, double learningRate = 0.001) =>
        Dense(Common(new DenseOptions(), labelColumnName, featureColumnName, epochs, batchSize, learningRate));

    /// <summary>One Dense layer from the features to the outputs, with every option.</summary>
    public DeepTrainer<TTransformer> Dense(DenseOptions options) => new(Context, options, Task, _makeTransformer, nameof(Dense));

    /// <summary>A multi-layer perceptron: Dense hidden layers with ReLU (and dropout after each if <paramref name="dropoutRate"/> &gt; 0), then the output layer.</summary>
    public DeepTrainer<TTransformer> Mlp(string labelColumnName = "Label", string featureColumnName = "Features", int[]? hiddenLayers = null,
        int epochs = 10, int batchSize = 32, double learningRate = 0.001, float dropoutRate = 0)
    {
        var options = Common(new MlpOptions { DropoutRate = dropoutRate }, labelColumnName, featureColumnName, epochs, batchSize, learningRate);
        options.HiddenLayers = hiddenLayers ?? options.HiddenLayers;
        return Mlp(options);
    }

    /// <summary>A multi-layer perceptron with every option.</summary>
    public DeepTrainer<TTransformer> Mlp(MlpOptions options) => new(Context, options, Task, _makeTransformer, nameof(Mlp));

    /// <summary>
    /// The seeds' convnet over an image-shaped feature column ([VectorType(channels, height, width)]):
    /// Conv 32/64/64 3×3 with 2×2 max pooling between them, Flatten, Dense 64, the output layer.
    /// </summary>
    public DeepTrainer<TTransformer> Cnn(string labelColumnName = "Label", string featureColumnName = "Features", int epochs = 10, int batchSize = 32, double learningRate = 0.001) =>
        Cnn(Common(new CnnOptions(), labelColumnName, featureColumnName, epochs, batchSize, learningRate));

    /// <summary>A convolutional network with every option.</summary>
    public DeepTrainer<TTransformer> Cnn(CnnOptions options) => new(Context, options, Task, _makeTransformer, nameof(Cnn));

    /// <summary>Any stack of layers, Keras's Sequential; the last layer must give the task's outputs.</summary>
    public DeepTrainer<TTransformer> Sequential(Layer[] layers, string labelColumnName = "Label", string featureColumnName = "Features", int epochs = 10, int batchSize = 32, double learningRate = 0.001) =>
        Sequential(Common(new SequentialOptions { Layers = layers }, labelColumnName, featureColumnName, epochs, batchSize, learningRate));

    /// <summary>Any stack of layers, with every option.</summary>
    public DeepTrainer<TTransformer> Sequential(SequentialOptions options) => new(Context, options, Task, _makeTransformer, nameof(Sequential));

    private static T Common<T>(T options, string label, string features, int epochs, int batchSize, double learningRate) where T : DeepTrainerOptions
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        options.Epochs = epochs;
        options.BatchSize = batchSize;
        options.Optimizer = new Adam(learningRate);
        return options;
    }
}
