namespace MLNet.DeepTrainers;

/// <summary>The deep trainers on <c>ml.MulticlassClassification.Trainers</c>: networks with one output per class of the key label (their softmax is the Score) and categorical cross-entropy by default.</summary>
public static class MulticlassClassificationCatalogExtensions
{
    /// <summary>One Dense layer from the features to the output: the seeds' first network.</summary>
    public static DeepTrainer Dense(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize, double learningRate = Defaults.DenseLearningRate) =>
        Dense(catalog, new DenseOptions().With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>One Dense layer, with every option.</summary>
    public static DeepTrainer Dense(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, DenseOptions options) =>
        SimpleOptions.Trainer(catalog, MulticlassClassificationTask.Instance, options, nameof(Dense));

    /// <summary>A multi-layer perceptron: Dense hidden layers (ReLU), each with optional dropout, then the output layer.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="exampleWeightColumnName">An optional column of example weights.</param>
    /// <param name="hiddenLayers">The units of each hidden layer; null for [64, 64].</param>
    /// <param name="dropoutRate">The dropout rate after each hidden layer; 0 for none.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="batchSize">Rows per gradient step.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    public static DeepTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int[]? hiddenLayers = null, float dropoutRate = 0, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize,
        double learningRate = Defaults.LearningRate) =>
        Mlp(catalog, new MlpOptions { HiddenLayers = hiddenLayers ?? Defaults.HiddenLayers, DropoutRate = dropoutRate }
            .With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>A multi-layer perceptron, with every option.</summary>
    public static DeepTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MlpOptions options) =>
        SimpleOptions.Trainer(catalog, MulticlassClassificationTask.Instance, options, nameof(Mlp));

    /// <summary>A convolutional network over images (the feature column's dimensions, or <see cref="CnnOptions.ImageShape"/>): Conv2D + MaxPooling2D blocks, Flatten, Dense layers, the output layer.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="featureColumnName">The feature column, with (channels, height, width) dimensions.</param>
    /// <param name="exampleWeightColumnName">An optional column of example weights.</param>
    /// <param name="filters">The filters of each Conv2D block; null for [32, 64].</param>
    /// <param name="denseLayers">The units of each Dense layer after Flatten; null for [64].</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="batchSize">Rows per gradient step.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    public static DeepTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int[]? filters = null, int[]? denseLayers = null, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize,
        double learningRate = Defaults.LearningRate) =>
        Cnn(catalog, new CnnOptions { Filters = filters ?? Defaults.Filters, DenseLayers = denseLayers ?? Defaults.DenseLayers }
            .With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>A convolutional network, with every option.</summary>
    public static DeepTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, CnnOptions options) =>
        SimpleOptions.Trainer(catalog, MulticlassClassificationTask.Instance, options, nameof(Cnn));

    /// <summary>Any stack of layers, Keras's Sequential: the list is the whole network, its output layer included.</summary>
    public static DeepTrainer Sequential(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IEnumerable<Layer> layers, string labelColumnName = Defaults.LabelColumnName,
        string featureColumnName = Defaults.FeatureColumnName, string? exampleWeightColumnName = null, int epochs = Defaults.Epochs, int batchSize = Defaults.BatchSize,
        double learningRate = Defaults.LearningRate) =>
        Sequential(catalog, new SequentialOptions { Layers = [.. layers ?? throw new ArgumentNullException(nameof(layers))] }
            .With(labelColumnName, featureColumnName, exampleWeightColumnName, epochs, batchSize, learningRate));

    /// <summary>Any stack of layers, with every option.</summary>
    public static DeepTrainer Sequential(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, SequentialOptions options) =>
        SimpleOptions.Trainer(catalog, MulticlassClassificationTask.Instance, options, nameof(Sequential));
}
