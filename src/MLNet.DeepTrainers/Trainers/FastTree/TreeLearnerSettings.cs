namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>How one tree grows: its leaves, the smallest leaf, the L2 penalty on leaf values, the penalties on a split's gain for a feature's first and later uses, and on how many threads.</summary>
internal sealed record TreeLearnerSettings(int NumberOfLeaves, int MinimumExampleCountPerLeaf, double L2Regularization, double FeatureFirstUsePenalty, double FeatureReusePenalty, int Threads)
{
    public static TreeLearnerSettings From(TreeOptions options, ParallelOptions parallel) =>
        new(options.NumberOfLeaves, options.MinimumExampleCountPerLeaf, options.L2Regularization, options.FeatureFirstUsePenalty, options.FeatureReusePenalty, parallel.MaxDegreeOfParallelism);
}
