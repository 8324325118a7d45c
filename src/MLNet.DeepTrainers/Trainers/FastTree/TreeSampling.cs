namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// The per-tree draws of bagging and feature sampling, from the trainer's seeded generators: one for
/// both alone; in a distributed run each rank draws its rows from its own generator and the features
/// from one they share, so every rank samples the same features whatever its rows.
/// </summary>
internal sealed class TreeSampling(int rows, int features, double rowFraction, double featureFraction, Random rowRandom, Random featureRandom)
{
    private readonly int[] _rows = new int[rows];
    private readonly bool[] _features = new bool[features];

    public bool AllRows => rowFraction >= 1;

    /// <summary>
    /// The rows of the next tree, ascending (so histograms read memory in order): every row, or each
    /// row with probability <c>rowFraction</c> (XGBoost's subsample draws the same way).
    /// </summary>
    public ArraySegment<int> NextRows()
    {
        int count = 0;
        for (int r = 0; r < rows; r++)
        {
            if (AllRows || rowRandom.NextDouble() < rowFraction)
                _rows[count++] = r;
        }
        // Never an empty bag, unless there are no rows (a rank of a distributed run can have none).
        return new ArraySegment<int>(_rows, 0, rows == 0 ? 0 : Math.Max(count, 1));
    }

    /// <summary>The features the next tree may split on.</summary>
    public bool[] NextFeatures()
    {
        int keep = Math.Max(1, (int)Math.Round(features * featureFraction));
        if (keep == features)
        {
            Array.Fill(_features, true);
            return _features;
        }
        var order = Enumerable.Range(0, features).ToArray();
        featureRandom.Shuffle(order);
        Array.Clear(_features);
        foreach (int f in order.AsSpan(0, keep))
            _features[f] = true;
        return _features;
    }
}
