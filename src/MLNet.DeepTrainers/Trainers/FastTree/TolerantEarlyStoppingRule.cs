namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>Stops when the validation score is more than <see cref="Threshold"/> above the best so far (ML.NET's "TR").</summary>
public sealed class TolerantEarlyStoppingRule : EarlyStoppingRule
{
    /// <param name="threshold">The largest absolute gap allowed between the validation score and its best; not negative.</param>
    public TolerantEarlyStoppingRule(float threshold = 0.01f) => Threshold = CheckThreshold(threshold, float.PositiveInfinity);

    /// <summary>The largest absolute gap allowed between the validation score and its best.</summary>
    public float Threshold { get; }

    /// <inheritdoc />
    public override bool CheckScore(float validationScore, float trainingScore, out bool isBestCandidate)
    {
        CheckScores(validationScore, trainingScore);
        isBestCandidate = CheckBestScore(validationScore);
        return validationScore - BestScore > Threshold;
    }

    internal override EarlyStoppingRuleBase Restart() => new TolerantEarlyStoppingRule(Threshold);
}
