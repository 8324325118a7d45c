namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Learns, per slot of a Single scalar or vector column, the affine map <c>(x - offset) * scale</c>:
/// ML.NET's NormalizeMinMax and NormalizeMeanVariance, with ML.NET's formulas (see the catalog methods).
/// NaN values are skipped when learning and stay NaN.
/// </summary>
public sealed class NormalizingEstimator : IEstimator<NormalizingTransformer>
{
    private readonly NormalizerMode _mode;
    private readonly string _output;
    private readonly string _input;
    private readonly long _maximumExampleCount;
    private readonly bool _fixZero;
    private readonly bool _useCdf;

    internal NormalizingEstimator(NormalizerMode mode, string outputColumnName, string? inputColumnName, long maximumExampleCount, bool fixZero, bool useCdf)
    {
        if (maximumExampleCount <= 1)
            throw new ArgumentOutOfRangeException(nameof(maximumExampleCount), maximumExampleCount, "A normalizer needs more than one example to learn from.");
        _mode = mode;
        _output = outputColumnName;
        _input = inputColumnName ?? outputColumnName;
        _maximumExampleCount = maximumExampleCount;
        _fixZero = fixZero;
        _useCdf = useCdf;
    }

    private string User => $"Normalize{_mode}('{_output}')";

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var input = inputSchema.Require(_input, User, c => c.IsSingle, "Single values or a Single vector (convert other numbers with Conversion.ConvertType)");
        return inputSchema.With(new SchemaShape.Column(_output, input.Kind, NumberDataViewType.Single, false));
    }

    /// <inheritdoc />
    public NormalizingTransformer Fit(IDataView input)
    {
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var column = input.Schema[_input];
        int width = column.Type is VectorDataViewType v ? v.Size : 1;
        var stats = new SlotStatistics(width);
        using (var cursor = input.GetRowCursor([column]))
        {
            var values = new float[width];
            var readVector = column.Type is VectorDataViewType ? cursor.GetGetter<float[]>(column) : null;
            var readScalar = column.Type is VectorDataViewType ? null : cursor.GetGetter<float>(column);
            for (long row = 0; row < _maximumExampleCount && cursor.MoveNext(); row++)
            {
                if (readVector is not null)
                    readVector(ref values);
                else
                    readScalar!(ref values[0]);
                stats.Add(values);
            }
        }
        if (stats.Rows == 0)
            throw new InvalidOperationException($"{User}: the data has no rows to learn from.");
        var (scale, offset) = _mode == NormalizerMode.MinMax ? MinMax(stats) : MeanVariance(stats);
        return new NormalizingTransformer(_output, _input, column.Type, scale, offset, _useCdf);
    }

    private (float[] Scale, float[] Offset) MinMax(SlotStatistics s)
    {
        var scale = new float[s.Width];
        var offset = new float[s.Width];
        for (int i = 0; i < s.Width; i++)
        {
            // fixZero keeps 0 at 0 and maps into [-1, 1]; otherwise [min, max] maps onto [0, 1].
            double range = _fixZero ? Math.Max(Math.Abs(s.Min[i]), Math.Abs(s.Max[i])) : s.Max[i] - s.Min[i];
            scale[i] = Inverse(range);
            offset[i] = _fixZero ? 0 : (float)s.Min[i];
        }
        return (scale, offset);
    }

    private (float[] Scale, float[] Offset) MeanVariance(SlotStatistics s)
    {
        var scale = new float[s.Width];
        var offset = new float[s.Width];
        for (int i = 0; i < s.Width; i++)
        {
            double variance = s.Variance(i);
            // With fixZero (and no CDF) ML.NET does not centre: it divides by the root mean square,
            // sqrt(variance + mean²), so 0 stays 0. Otherwise it is the classic z-score.
            bool centre = !_fixZero || _useCdf;
            scale[i] = Inverse(Math.Sqrt(centre ? variance : variance + s.Mean[i] * s.Mean[i]));
            offset[i] = centre ? (float)s.Mean[i] : 0;
        }
        return (scale, offset);
    }

    // A constant slot carries no information: it maps to 0 rather than to infinity.
    private static float Inverse(double x) => x > 0 && double.IsFinite(x) ? (float)(1 / x) : 0f;

    private sealed class SlotStatistics(int width)
    {
        public int Width => width;
        public long Rows { get; private set; }
        public double[] Min { get; } = Enumerable.Repeat(double.PositiveInfinity, width).ToArray();
        public double[] Max { get; } = Enumerable.Repeat(double.NegativeInfinity, width).ToArray();
        public double[] Mean { get; } = new double[width];
        private readonly double[] _m2 = new double[width];
        private readonly long[] _count = new long[width];

        public void Add(float[] values)
        {
            Rows++;
            for (int i = 0; i < width; i++)
            {
                double x = values[i];
                // Statistics come from finite values only, as ML.NET's mean-variance aggregator does:
                // one infinite value must not turn a whole slot into NaN or 0 for every row.
                if (!double.IsFinite(x))
                    continue;
                Min[i] = Math.Min(Min[i], x);
                Max[i] = Math.Max(Max[i], x);
                // Welford's update: stable for large values with small spread.
                long n = ++_count[i];
                double delta = x - Mean[i];
                Mean[i] += delta / n;
                _m2[i] += delta * (x - Mean[i]);
            }
        }

        // The population variance (divided by n), as ML.NET and scikit-learn's StandardScaler compute it.
        public double Variance(int i) => _count[i] == 0 ? 0 : _m2[i] / _count[i];
    }
}
