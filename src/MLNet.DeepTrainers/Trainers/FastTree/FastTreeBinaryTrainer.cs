namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>Gradient-boosted trees for two classes (ML.NET's FastTree): logistic loss; Score is the log-odds, Probability its sigmoid.</summary>
public sealed class FastTreeBinaryTrainer : TreeTrainer<BinaryPredictionTransformer<TreeEnsembleModel>>
{
    internal FastTreeBinaryTrainer(MLContext context, Options options, LearningTask task)
        : base(context, options, task, (model, features, label) => new BinaryPredictionTransformer<TreeEnsembleModel>(model, features), "FastTree") { }

    /// <summary>The options of <see cref="FastTreeBinaryTrainer"/>, with ML.NET's names and defaults.</summary>
    public sealed class Options : BoostedTreeOptions
    {
        /// <summary>Kept for source compatibility, and without effect as in ML.NET: binary early stopping watches the validation error rate.</summary>
        public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.L1Norm;
    }
}
