namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>An early-stopping rule that also watches the last <see cref="WindowSize"/> training scores.</summary>
public abstract class MovingWindowRule : EarlyStoppingRule
{
    private readonly Queue<float> _recent;

    private protected MovingWindowRule(float threshold, int windowSize)
    {
        Threshold = CheckThreshold(threshold, 1);
        WindowSize = CheckWindowSize(windowSize);
        // Not sized by windowSize up front: a huge window must not allocate before it fills.
        _recent = new Queue<float>();
    }

    /// <summary>The allowed relative gap, in [0, 1] (0.01 is 1%).</summary>
    public float Threshold { get; }

    /// <summary>How many recent training scores the rule averages.</summary>
    public int WindowSize { get; }

    /// <summary>
    /// Adds <paramref name="trainingScore"/> to the window; once the window is full, gives the lowest
    /// and the mean of the scores in it and returns true.
    /// </summary>
    private protected bool CheckRecentScores(float trainingScore, out float recentBest, out float recentAverage)
    {
        if (_recent.Count == WindowSize)
            _recent.Dequeue();
        _recent.Enqueue(trainingScore);
        recentBest = _recent.Min();
        recentAverage = _recent.Sum() / _recent.Count;
        return _recent.Count == WindowSize;
    }
}
