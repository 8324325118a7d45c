namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>A regression forest (ML.NET's FastForest): trees on bagged rows and sampled features, their outputs averaged.</summary>
public sealed class FastForestRegressionTrainer : TreeTrainer<RegressionPredictionTransformer<TreeEnsembleModel>>
{
    internal FastForestRegressionTrainer(MLContext context, Options options, LearningTask task)
        : base(context, options, task, (model, features, label) => new RegressionPredictionTransformer<TreeEnsembleModel>(model, features), "FastForest") { }

    /// <summary>The options of <see cref="FastForestRegressionTrainer"/>, with ML.NET's names and defaults.</summary>
    public sealed class Options : FastForestOptionsBase
    {
    }
}
