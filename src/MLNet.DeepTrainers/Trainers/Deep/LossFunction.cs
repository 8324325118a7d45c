namespace MLNet.DeepTrainers.Trainers;

/// <summary>What training minimises. Null in the options means the task's own: MSE for regression.</summary>
public enum LossFunction
{
    /// <summary>Mean squared error.</summary>
    MeanSquaredError,
    /// <summary>Mean absolute error.</summary>
    MeanAbsoluteError,
    /// <summary>Huber loss (delta 1): squared near zero, absolute far away.</summary>
    Huber,
}
