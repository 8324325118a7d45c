namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>How one tree grows: its leaves, the smallest leaf, the L2 penalty on leaf values, and on how many threads.</summary>
internal sealed record TreeLearnerSettings(int NumberOfLeaves, int MinimumExampleCountPerLeaf, double L2Regularization, int Threads);
