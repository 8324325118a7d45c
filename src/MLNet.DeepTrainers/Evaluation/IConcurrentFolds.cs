namespace MLNet.DeepTrainers.Evaluation;

/// <summary>
/// An estimator that says whether its fits leave most of the machine idle: a small network spends a
/// batch in per-call overhead on one core, so cross-validation runs its folds side by side, each on
/// its share of the threads, instead of one at a time on all of them.
/// </summary>
internal interface IConcurrentFolds
{
    /// <summary>True or false for an estimator that trains; null for one that trains nothing (a chain of transforms).</summary>
    bool? FoldsRunBetterSideBySide { get; }
}
