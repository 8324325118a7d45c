namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Consecutive loss of generality (ML.NET's "UP"): stops when the validation score has failed to
/// improve on the round before it <see cref="WindowSize"/> rounds in a row.
/// </summary>
public sealed class ConsecutiveGeneralityLossRule : EarlyStoppingRule
{
    private int _count;
    private float _previous = float.PositiveInfinity;

    /// <param name="windowSize">How many rounds in a row without improvement stop training.</param>
    public ConsecutiveGeneralityLossRule(int windowSize = 5) => WindowSize = CheckWindowSize(windowSize);

    /// <summary>How many rounds in a row without improvement stop training.</summary>
    public int WindowSize { get; }

    /// <inheritdoc />
    public override bool CheckScore(float validationScore, float trainingScore, out bool isBestCandidate)
    {
        CheckScores(validationScore, trainingScore);
        isBestCandidate = CheckBestScore(validationScore);
        _count = validationScore >= _previous ? _count + 1 : 0;
        _previous = validationScore;
        return _count >= WindowSize;
    }

    internal override EarlyStoppingRuleBase Restart() => new ConsecutiveGeneralityLossRule(WindowSize);
}
