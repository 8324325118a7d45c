namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// What a normalizer learns from the rows it reads, per slot: minimum, maximum, mean and variance of the
/// finite values (of their logarithms, skipping zeros and negatives, for the log normalizer, as ML.NET's
/// aggregator does) and, for binning, the values themselves.
/// </summary>
internal sealed class SlotSample
{
    private readonly bool _useLog;
    private readonly List<float>[]? _values;
    private readonly double[] _m2;
    private readonly long[] _count;

    public SlotSample(int width, bool useLog, bool keepValues)
    {
        Width = width;
        _useLog = useLog;
        Min = Enumerable.Repeat(double.PositiveInfinity, width).ToArray();
        Max = Enumerable.Repeat(double.NegativeInfinity, width).ToArray();
        Mean = new double[width];
        _m2 = new double[width];
        _count = new long[width];
        _values = keepValues ? Enumerable.Range(0, width).Select(_ => new List<float>()).ToArray() : null;
    }

    public int Width { get; }
    public long Rows { get; private set; }
    public double[] Min { get; }
    public double[] Max { get; }
    public double[] Mean { get; }

    /// <summary>The sum of squared deviations; 0 means the slot held one value (or none) and carries no information.</summary>
    public double M2(int slot) => _m2[slot];

    /// <summary>The population variance (divided by n), as ML.NET and scikit-learn's StandardScaler compute it.</summary>
    public double Variance(int slot) => _count[slot] == 0 ? 0 : _m2[slot] / _count[slot];

    /// <summary>The non-NaN values of <paramref name="slot"/> (binning only).</summary>
    public List<float> Values(int slot) => _values![slot];

    /// <summary>Adds one row's slots (Single values, read as doubles).</summary>
    public void Add(double[] row)
    {
        Rows++;
        for (int i = 0; i < Width; i++)
        {
            double x = row[i];
            if (_values is not null && !double.IsNaN(x))
                _values[i].Add((float)x);
            // ML.NET takes the logarithm in double and rounds it to Single.
            double v = _useLog ? (x == 0 ? double.NaN : (float)Math.Log(x)) : x;
            // Statistics come from finite values only, as ML.NET's mean-variance aggregator does:
            // one infinite value must not turn a whole slot into NaN or 0 for every row.
            if (!double.IsFinite(v))
                continue;
            Min[i] = Math.Min(Min[i], v);
            Max[i] = Math.Max(Max[i], v);
            // Welford's update: stable for large values with small spread.
            long n = ++_count[i];
            double delta = v - Mean[i];
            Mean[i] += delta / n;
            _m2[i] += delta * (v - Mean[i]);
        }
    }
}
