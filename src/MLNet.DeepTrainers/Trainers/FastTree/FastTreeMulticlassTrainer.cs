namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>Gradient-boosted trees for k classes, one tree per class each round on the softmax loss (beyond ML.NET, which has no multiclass FastTree).</summary>
public sealed class FastTreeMulticlassTrainer : TreeTrainer<MulticlassPredictionTransformer<TreeEnsembleModel>>
{
    internal FastTreeMulticlassTrainer(MLContext context, Options options, LearningTask task)
        : base(context, options, task, (model, features, label) => new MulticlassPredictionTransformer<TreeEnsembleModel>(model, features, label), "FastTree") { }

    /// <summary>The options of <see cref="FastTreeMulticlassTrainer"/>, with ML.NET's names and defaults.</summary>
    public sealed class Options : BoostedTreeOptions
    {
    }
}
