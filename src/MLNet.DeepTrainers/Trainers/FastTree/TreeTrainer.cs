using System.Text.Json;

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

    private protected override TreeEnsembleModel Train(IDataView input, IDataView? validation, DataViewSchema.Column label)
    {
        var boosting = _options as BoostedTreeOptions;
        bool watched = boosting?.EarlyStoppingRule is not null;
        if (watched && validation is null)
            throw new InvalidOperationException($"{User}: EarlyStoppingRule needs validation data; train with Fit(trainData, validationData).");
        var data = Read(input, allowMissingFeatures: true);
        bool sharded = Context.DistributedTraining?.ShardedData == true;
        if (!sharded)
            Task.CheckTargets(data.Labels, User);
        // Only a rule reads the validation rows; without one the set is still checked, as ML.NET refuses a mismatched one.
        TrainingData? validationData = null;
        if (validation is not null && watched)
            validationData = ReadValidation(validation, input, allowMissingFeatures: true);
        else if (validation is not null)
            CheckValidation(validation, input);
        int seed = _options.Seed ?? Context.NextSeed();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.NumberOfThreads ?? Environment.ProcessorCount };
        var objective = boosting is null ? null : Task.BoostingObjective(Task.OutputWidth(label));
        using var ranks = DataParallel.Join(Context, Devices.Cpu, User);
        var (labels, weights) = (data.Labels, data.Weights);
        float[][]? bounds = null;
        if (ranks is not null)
        {
            seed = ranks.AgreeOn(seed);
            ranks.CheckSame([("the tree options", DataParallel.Digest(JsonSerializer.Serialize(_options, _options.GetType()))), .. ranks.DataFacts(data, validationData, ColumnsDigest(input))]);
            // Every rank bins with the same bounds: one process's on all rows, or those of a sample of every rank's rows when each holds its own.
            var dense = data.Features.ToDense();
            bounds = sharded
                ? FeatureBins.Bounds(FeatureBins.SampleOfEveryRank(dense, data.Rows, data.Width, ranks), data.Width, _options.MaximumBinCountPerFeature, parallel)
                : FeatureBins.Bounds(dense, data.Width, _options.MaximumBinCountPerFeature, parallel);
            data = ranks.Mine(data);
            validationData = validationData is null ? null : ranks.Mine(validationData);
            // The starting score (and the check that the labels tell something apart) takes every rank's labels.
            labels = ranks.Group.Concatenate(data.Labels);
            weights = data.Weights is null ? null : ranks.Group.Concatenate(data.Weights);
            if (sharded)
                Task.CheckTargets(labels, User);
        }
        var featureBins = FeatureBins.Build(data.Features.ToDense(), data.Rows, data.Width, _options.MaximumBinCountPerFeature, parallel, bounds);
        var bias = objective?.InitialScores(labels, weights);
        var random = new Random(seed);
        var rowRandom = ranks is null ? random : new Random(unchecked(seed * 31 + ranks.Group.Rank + 1));
        var sampling = new TreeSampling(data.Rows, featureBins.Features, _options.BaggingExampleFraction, _options.FeatureFraction, rowRandom, random);
        if (boosting is not null)
            return GradientBoosting.Train(data, validationData, featureBins, objective!, bias!, Task.BoostingOutput, boosting, sampling, parallel, ranks);
        if (_options is FastForestOptionsBase forest)
            return RandomForest.Train(data, featureBins, Task.ForestOutput, forest, sampling, parallel, ranks);
        throw new ArgumentException($"{User}: unknown tree options {_options.GetType().Name}.");
    }
}
