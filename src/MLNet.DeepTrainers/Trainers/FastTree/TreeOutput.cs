namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>How a tree ensemble turns its summed tree outputs into the model's outputs.</summary>
public enum TreeOutput
{
    /// <summary>The sum itself (regression; a binary booster's logit).</summary>
    Identity,
    /// <summary>The logit of the sum, for a forest whose trees average probabilities (its Score is then a logit too).</summary>
    Logit,
    /// <summary>The softmax over the classes' sums (multiclass).</summary>
    Softmax,
}
