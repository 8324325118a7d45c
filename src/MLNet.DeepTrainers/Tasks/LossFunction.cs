namespace MLNet.DeepTrainers;

/// <summary>
/// What training minimises. Null in the options means the task's own: mean squared error for
/// regression, binary cross-entropy for binary classification, categorical cross-entropy for multiclass.
/// </summary>
public enum LossFunction
{
    /// <summary>Mean squared error.</summary>
    MeanSquaredError,
    /// <summary>Mean absolute error.</summary>
    MeanAbsoluteError,
    /// <summary>Huber loss (delta 1): squared near zero, absolute far away.</summary>
    Huber,
    /// <summary>Binary cross-entropy on the sigmoid of the output (computed from the logit, for stability).</summary>
    BinaryCrossEntropy,
    /// <summary>Categorical cross-entropy on the softmax of the outputs, with key labels (Keras's sparse form).</summary>
    CategoricalCrossEntropy,
    /// <summary>Hinge loss, max(0, 1 - t·output) with t = ±1: a margin classifier; its Probability is the sigmoid of the score, not calibrated.</summary>
    Hinge,
}
