namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// The forest driver (FastForest): each tree learns the (weighted) mean label of its leaves from a
/// bag of rows and a sample of features; the model averages the trees.
/// </summary>
internal static class RandomForest
{
    /// <summary>Grows the forest; in a distributed run <paramref name="data"/> is this rank's part of the rows (<paramref name="ranks"/>).</summary>
    public static TreeEnsembleModel Train(TrainingData data, FeatureBins featureBins, TreeOutput output, FastForestOptionsBase options, TreeSampling sampling, ParallelOptions parallel, DataParallel? ranks)
    {
        int rows = data.Rows;
        // With g = -w·y and h = w, a leaf's -G / H is its weighted mean label.
        var gradients = new float[rows];
        var hessians = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            float w = data.Weights?[i] ?? 1;
            gradients[i] = -w * data.Labels[i];
            hessians[i] = w;
        }
        using var learner = new TreeLearner(featureBins, TreeLearnerSettings.From(options, parallel), ranks);
        var trees = new List<RegressionTree>();
        for (int t = 0; t < options.NumberOfTrees; t++)
        {
            var bag = sampling.NextRows();
            trees.Add(learner.Grow(bag.Array!, bag.Count, gradients, hessians, data.Weights is null, sampling.NextFeatures(), out _, out _).ScaleLeaves(1f / options.NumberOfTrees));
        }
        return new TreeEnsembleModel(trees, new int[trees.Count], [0], output, featureBins.Features);
    }
}
