namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Low progress (ML.NET's "LP"): stops when training stalls, that is when the mean of the last
/// <see cref="MovingWindowRule.WindowSize"/> training scores is within the fraction
/// <see cref="MovingWindowRule.Threshold"/> of their best.
/// </summary>
public sealed class LowProgressRule : MovingWindowRule
{
    /// <param name="threshold">The relative gap, in [0, 1], under which progress counts as stalled.</param>
    /// <param name="windowSize">How many recent training scores to average.</param>
    public LowProgressRule(float threshold = 0.01f, int windowSize = 5) : base(threshold, windowSize) { }

    /// <inheritdoc />
    public override bool CheckScore(float validationScore, float trainingScore, out bool isBestCandidate)
    {
        CheckScores(validationScore, trainingScore);
        isBestCandidate = CheckBestScore(validationScore);
        return CheckRecentScores(trainingScore, out float recentBest, out float recentAverage)
            && recentAverage <= (1 + Threshold) * recentBest;
    }

    internal override EarlyStoppingRuleBase Restart() => new LowProgressRule(Threshold, WindowSize);
}
