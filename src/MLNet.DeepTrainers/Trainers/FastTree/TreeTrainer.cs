namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// FastTree (gradient boosting) or FastForest (random forest) for one task. Reads the columns once,
/// bins the features, and grows the trees in C#; deterministic for a given seed and thread count.
/// </summary>
public abstract class TreeTrainer<TTransformer> : TrainerEstimatorBase<TTransformer, TreeEnsembleModel> where TTransformer : class, ITransformer
{
    private readonly TreeOptions _options;

    private protected TreeTrainer(MLContext context, TreeOptions options, LearningTask task, Func<TreeEnsembleModel, string, DataViewSchema.Column, TTransformer> makeTransformer, string name)
        : base(context, task, name, (options ?? throw new ArgumentNullException(nameof(options))).LabelColumnName, options.FeatureColumnName, options.ExampleWeightColumnName, makeTransformer)
    {
        _options = options;
        options.Validate(User);
    }

    private protected override TreeEnsembleModel Train(IDataView input, DataViewSchema.Column label)
    {
        var data = Read(input, allowMissingFeatures: true);
        Task.CheckTargets(data, User);
        int seed = _options.Seed ?? Context.NextSeed();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.NumberOfThreads ?? Environment.ProcessorCount };
        var featureBins = FeatureBins.Build(data.Features, data.Rows, data.Width, _options.MaximumBinCountPerFeature, parallel);
        var random = new Random(seed);
        return _options switch
        {
            BoostedTreeOptions boosting => GradientBoosting.Train(data, featureBins, Task.BoostingObjective(Task.OutputWidth(label)), Task.BoostingOutput, boosting, random, parallel),
            FastForestOptionsBase forest => RandomForest.Train(data, featureBins, Task.ForestOutput, forest, random, parallel),
            _ => throw new ArgumentException($"{User}: unknown tree options {_options.GetType().Name}."),
        };
    }
}
