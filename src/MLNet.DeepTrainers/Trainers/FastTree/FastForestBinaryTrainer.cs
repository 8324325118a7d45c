namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>A forest for two classes (ML.NET's FastForest): each tree learns the share of positives of its leaves; the trees are averaged.</summary>
public sealed class FastForestBinaryTrainer : TreeTrainer<BinaryPredictionTransformer<TreeEnsembleModel>>
{
    internal FastForestBinaryTrainer(MLContext context, Options options, LearningTask task)
        : base(context, options, task, (model, features, label) => new BinaryPredictionTransformer<TreeEnsembleModel>(model, features), "FastForest") { }

    /// <summary>The options of <see cref="FastForestBinaryTrainer"/>, with ML.NET's names and defaults.</summary>
    public sealed class Options : FastForestOptionsBase
    {
    }
}
