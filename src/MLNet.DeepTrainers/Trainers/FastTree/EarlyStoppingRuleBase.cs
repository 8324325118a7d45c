namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Decides, after each boosting round, whether FastTree should stop (ML.NET's early-stopping rules).
/// Set one as <see cref="BoostedTreeOptions.EarlyStoppingRule"/> and train with
/// <c>Fit(trainData, validationData)</c>; the model keeps the trees up to the round with the best
/// validation score. Scores are errors (L1, L2, error rate): lower is better. Each training run
/// starts from a fresh copy of the rule, so one rule object can configure many trainers.
/// </summary>
public abstract class EarlyStoppingRuleBase
{
    private protected EarlyStoppingRuleBase() { }

    /// <summary>Records one round's scores and says whether training should stop.</summary>
    /// <param name="validationScore">The error on the validation set, not negative.</param>
    /// <param name="trainingScore">The error on the training set, not negative.</param>
    /// <param name="isBestCandidate">True when <paramref name="validationScore"/> is the best seen so far.</param>
    public abstract bool CheckScore(float validationScore, float trainingScore, out bool isBestCandidate);

    /// <summary>The same rule with nothing recorded yet.</summary>
    internal abstract EarlyStoppingRuleBase Restart();

    private protected static void CheckScores(float validationScore, float trainingScore)
    {
        if (!(validationScore >= 0))
            throw new ArgumentOutOfRangeException(nameof(validationScore), validationScore, "An early-stopping score is an error: it must be a number not below 0.");
        if (!(trainingScore >= 0))
            throw new ArgumentOutOfRangeException(nameof(trainingScore), trainingScore, "An early-stopping score is an error: it must be a number not below 0.");
    }

    private protected static float CheckThreshold(float threshold, float maximum)
    {
        if (!(threshold >= 0 && threshold <= maximum))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, maximum == float.PositiveInfinity
                ? "The threshold must not be negative."
                : $"The threshold must be in [0, {maximum}].");
        return threshold;
    }

    private protected static int CheckWindowSize(int windowSize)
    {
        if (windowSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, "The window size must be positive.");
        return windowSize;
    }
}
