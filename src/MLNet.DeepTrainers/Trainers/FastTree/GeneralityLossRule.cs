namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Loss of generality (ML.NET's "GL", after Prechelt's GL criterion): stops when the validation score
/// exceeds its best so far by more than the fraction <see cref="Threshold"/>.
/// </summary>
public sealed class GeneralityLossRule : EarlyStoppingRule
{
    /// <param name="threshold">The largest relative gap allowed, in [0, 1] (0.01 is 1%).</param>
    public GeneralityLossRule(float threshold = 0.01f) => Threshold = CheckThreshold(threshold, 1);

    /// <summary>The largest relative gap allowed between the validation score and its best.</summary>
    public float Threshold { get; }

    /// <inheritdoc />
    public override bool CheckScore(float validationScore, float trainingScore, out bool isBestCandidate)
    {
        CheckScores(validationScore, trainingScore);
        isBestCandidate = CheckBestScore(validationScore);
        return validationScore > (1 + Threshold) * BestScore;
    }

    internal override EarlyStoppingRuleBase Restart() => new GeneralityLossRule(Threshold);
}
