namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>What FastTree's early stopping measures on the validation set, as in ML.NET.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>The L1 norm of the errors.</summary>
    L1Norm = 1,
    /// <summary>The L2 norm of the errors.</summary>
    L2Norm = 2,
}
