namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Generality to progress ratio (ML.NET's "PQ"): stops when the validation score's loss of generality
/// (score / best) outgrows the training progress (recent mean / recent best of the training scores) by
/// more than the fraction <see cref="MovingWindowRule.Threshold"/>.
/// </summary>
public sealed class GeneralityToProgressRatioRule : MovingWindowRule
{
    /// <param name="threshold">The relative gap allowed, in [0, 1].</param>
    /// <param name="windowSize">How many recent training scores to average.</param>
    public GeneralityToProgressRatioRule(float threshold = 0.01f, int windowSize = 5) : base(threshold, windowSize) { }

    /// <inheritdoc />
    public override bool CheckScore(float validationScore, float trainingScore, out bool isBestCandidate)
    {
        CheckScores(validationScore, trainingScore);
        isBestCandidate = CheckBestScore(validationScore);
        return CheckRecentScores(trainingScore, out float recentBest, out float recentAverage)
            && validationScore * recentBest >= (1 + Threshold) * BestScore * recentAverage;
    }

    internal override EarlyStoppingRuleBase Restart() => new GeneralityToProgressRatioRule(Threshold, WindowSize);
}
