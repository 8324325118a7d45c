namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>An early-stopping rule that remembers the best (lowest) validation score so far.</summary>
public abstract class EarlyStoppingRule : EarlyStoppingRuleBase
{
    private protected EarlyStoppingRule() { }

    /// <summary>The lowest validation score so far (+∞ before the first).</summary>
    private protected float BestScore { get; private set; } = float.PositiveInfinity;

    /// <summary>
    /// Records <paramref name="score"/>; true when no score before it was lower. A tie counts as best,
    /// as in ML.NET, so among equal validation scores the model keeps the later round.
    /// </summary>
    private protected bool CheckBestScore(float score)
    {
        if (score > BestScore)
            return false;
        BestScore = score;
        return true;
    }
}
