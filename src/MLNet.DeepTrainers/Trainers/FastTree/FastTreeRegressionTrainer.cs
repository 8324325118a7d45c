namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>Gradient-boosted regression trees (ML.NET's FastTree): squared error, each tree fitted to the residuals.</summary>
public sealed class FastTreeRegressionTrainer : TreeTrainer<RegressionPredictionTransformer<TreeEnsembleModel>>
{
    internal FastTreeRegressionTrainer(MLContext context, Options options, LearningTask task)
        : base(context, options, task, (model, features, label) => new RegressionPredictionTransformer<TreeEnsembleModel>(model, features), "FastTree") { }

    /// <summary>The options of <see cref="FastTreeRegressionTrainer"/>, with ML.NET's names and defaults.</summary>
    public sealed class Options : BoostedTreeOptions
    {
        /// <summary>The metric early stopping watches (ML.NET's default, L1Norm). ML.NET uses it only with an early-stopping rule and a validation set; both are not here yet, so it is kept for source compatibility and has no effect.</summary>
        public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.L1Norm;
    }
}
