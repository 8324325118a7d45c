namespace MLNet.DeepTrainers;

/// <summary>The deep trainers on <c>ml.MultiLabelClassification.Trainers</c>: networks with one logit per label (their sigmoids are the Probability) and binary cross-entropy.</summary>
public sealed class MultiLabelClassificationTrainers
{
    private readonly CatalogContext _context;

    internal MultiLabelClassificationTrainers(CatalogContext context) => _context = context;

    /// <summary>One Dense layer from the features to one output per label.</summary>
    public DeepTrainer Dense(string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize, double learningRate = Defaults.DenseLearningRate) =>
        Dense(new DenseOptions().With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>One Dense layer, with every option.</summary>
    public DeepTrainer Dense(DenseOptions options) => Trainer(options, nameof(Dense));

    /// <summary>A multi-layer perceptron: Dense hidden layers (ReLU), each with optional dropout, then one output per label.</summary>
    /// <param name="labelColumnName">The label column: a known-size vector of Boolean.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="exampleWeightColumnName">An optional column of example weights.</param>
    /// <param name="hiddenLayers">The units of each hidden layer; null for [64, 64].</param>
    /// <param name="dropoutRate">The dropout rate after each hidden layer; 0 for none.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="batchSize">Rows per gradient step.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    public DeepTrainer Mlp(string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int[]? hiddenLayers = null, float dropoutRate = 0, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize,
        double learningRate = Defaults.LearningRate) =>
        Mlp(new MlpOptions { HiddenLayers = hiddenLayers ?? Defaults.HiddenLayers, DropoutRate = dropoutRate }
            .With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>A multi-layer perceptron, with every option.</summary>
    public DeepTrainer Mlp(MlpOptions options) => Trainer(options, nameof(Mlp));

    /// <summary>A convolutional network over images (the feature column's dimensions, or <see cref="CnnOptions.ImageShape"/>): Conv2D + MaxPooling2D blocks, Flatten, Dense layers, one output per label.</summary>
    /// <param name="labelColumnName">The label column: a known-size vector of Boolean.</param>
    /// <param name="featureColumnName">The feature column, with (channels, height, width) dimensions.</param>
    /// <param name="exampleWeightColumnName">An optional column of example weights.</param>
    /// <param name="filters">The filters of each Conv2D block; null for [32, 64].</param>
    /// <param name="denseLayers">The units of each Dense layer after Flatten; null for [64].</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="batchSize">Rows per gradient step.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    public DeepTrainer Cnn(string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int[]? filters = null, int[]? denseLayers = null, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize,
        double learningRate = Defaults.LearningRate) =>
        Cnn(new CnnOptions { Filters = filters ?? Defaults.Filters, DenseLayers = denseLayers ?? Defaults.DenseLayers }
            .With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>A convolutional network, with every option.</summary>
    public DeepTrainer Cnn(CnnOptions options) => Trainer(options, nameof(Cnn));

    /// <summary>Any stack of layers, Keras's Sequential: the list is the whole network, its last layer giving one output per label.</summary>
    public DeepTrainer Sequential(IEnumerable<Layer> layers, string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize, double learningRate = Defaults.LearningRate) =>
        Sequential(new SequentialOptions { Layers = [.. layers ?? throw new ArgumentNullException(nameof(layers))] }
            .With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>Any stack of layers, with every option.</summary>
    public DeepTrainer Sequential(SequentialOptions options) => Trainer(options, nameof(Sequential));

    private DeepTrainer Trainer(DeepTrainerOptions options, string name) => new(_context, MultiLabelClassificationTask.Instance, options, name);
}
