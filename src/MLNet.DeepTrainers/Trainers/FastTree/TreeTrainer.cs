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
        Task.CheckTargets(data, User);
        // Only a rule reads the validation rows; without one the set is still checked, as ML.NET refuses a mismatched one.
        TrainingData? validationData = null;
        if (validation is not null && watched)
            validationData = ReadValidation(validation, input, allowMissingFeatures: true);
        else if (validation is not null)
            CheckValidation(validation, input);
        int seed = _options.Seed ?? Context.NextSeed();
        using var ranks = DataParallel.Join(Context, Devices.Cpu, User);
        if (ranks is not null)
        {
            seed = ranks.AgreeOn(seed);
            ranks.CheckSame(
            [
                ("the tree options", DataParallel.Digest(JsonSerializer.Serialize(_options, _options.GetType()))),
                ("the number of training rows", data.Rows),
                ("the feature width", data.Width),
                ("the number of validation rows", validationData?.Rows ?? -1),
                ("the training data (features, labels and weights)", DataParallel.Digest(data)),
            ]);
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.NumberOfThreads ?? Environment.ProcessorCount };
        // Every rank bins all rows (so all agree on the bounds of one process), then learns from its own part.
        var featureBins = FeatureBins.Build(data.Features.ToDense(), data.Rows, data.Width, _options.MaximumBinCountPerFeature, parallel);
        var random = new Random(seed);
        var objective = boosting is null ? null : Task.BoostingObjective(Task.OutputWidth(label));
        var bias = objective?.InitialScores(data.Labels, data.Weights);
        if (ranks is not null)
        {
            var (offset, count) = ranks.Share(data.Rows, 1);
            data = data.Slice(offset, count);
            featureBins = featureBins.Slice(offset, count);
        }
        var rowRandom = ranks is null ? random : new Random(unchecked(seed * 31 + ranks.Group.Rank + 1));
        var sampling = new TreeSampling(data.Rows, featureBins.Features, _options.BaggingExampleFraction, _options.FeatureFraction, rowRandom, random);
        if (boosting is not null)
            return GradientBoosting.Train(data, validationData, featureBins, objective!, bias!, Task.BoostingOutput, boosting, sampling, parallel, ranks);
        if (_options is FastForestOptionsBase forest)
            return RandomForest.Train(data, featureBins, Task.ForestOutput, forest, sampling, parallel, ranks);
        throw new ArgumentException($"{User}: unknown tree options {_options.GetType().Name}.");
    }
}
