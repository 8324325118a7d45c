namespace MLNet.DeepTrainers;

/// <summary>The options the simple catalog overloads stand for, built in one place for every task.</summary>
internal static class SimpleOptions
{
    public static TOptions With<TOptions>(this TOptions options, string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        int epochs, int batchSize, double learningRate) where TOptions : DeepTrainerOptions
    {
        options.LabelColumnName = labelColumnName;
        options.FeatureColumnName = featureColumnName;
        options.ExampleWeightColumnName = exampleWeightColumnName;
        options.Epochs = epochs;
        options.BatchSize = batchSize;
        options.Optimizer = new Adam(learningRate);
        return options;
    }

    public static DeepTrainer Trainer(object catalog, LearningTask task, DeepTrainerOptions options, string name) =>
        new(CatalogContext.Of(catalog), task, options, name);
}
