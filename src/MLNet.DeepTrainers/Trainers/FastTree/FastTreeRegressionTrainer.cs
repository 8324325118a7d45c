namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>Gradient-boosted regression trees (ML.NET's FastTree): squared error, each tree fitted to the residuals.</summary>
public sealed class FastTreeRegressionTrainer : TreeTrainer<RegressionPredictionTransformer<TreeEnsembleModel>>
{
    internal FastTreeRegressionTrainer(MLContext context, Options options, LearningTask task)
        : base(context, options, task, (model, features, label) => new RegressionPredictionTransformer<TreeEnsembleModel>(model, features), "FastTree") { }

    /// <summary>The options of <see cref="FastTreeRegressionTrainer"/>, with ML.NET's names and defaults.</summary>
    public sealed class Options : BoostedTreeOptions
    {
        /// <summary>The validation error <see cref="BoostedTreeOptions.EarlyStoppingRule"/> watches: the mean absolute error (L1Norm, ML.NET's default) or the root mean squared error (L2Norm).</summary>
        public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.L1Norm;

        internal override EarlyStoppingMetric StoppingMetric => EarlyStoppingMetric;
    }
}
