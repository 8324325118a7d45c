namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Learns, per column (and per slot, with <c>imputeBySlot</c>), the value that replaces NaN: the type's
/// default (0), or the mean, minimum, maximum or most frequent of the finite values, as ML.NET's
/// ReplaceMissingValues. A slot with no finite value is replaced by 0.
/// </summary>
public sealed class MissingValueReplacingEstimator : IEstimator<MissingValueReplacingTransformer>
{
    /// <summary>What replaces a missing value.</summary>
    public enum ReplacementMode : byte
    {
        /// <summary>The type's default, 0.</summary>
        DefaultValue = 0,
        /// <summary>The mean of the finite values.</summary>
        Mean = 1,
        /// <summary>The smallest finite value.</summary>
        Minimum = 2,
        /// <summary>The largest finite value.</summary>
        Maximum = 3,
        /// <summary>The most frequent finite value (the first to reach the highest count).</summary>
        Mode = 5,
    }

    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly ReplacementMode _mode;
    private readonly bool _bySlot;

    internal MissingValueReplacingEstimator(IReadOnlyList<(string Output, string Input)> columns, ReplacementMode mode, bool imputeBySlot)
    {
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Use DefaultValue, Mean, Minimum, Maximum or Mode.");
        _columns = columns;
        _mode = mode;
        _bySlot = imputeBySlot;
    }

    private static string User(string output) => $"ReplaceMissingValues('{output}')";

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _columns.Aggregate(inputSchema, (shape, c) =>
    {
        var input = inputSchema.Require(c.Input, User(c.Output), s => !s.IsKey && (s.ItemType.Equals(NumberDataViewType.Single) || s.ItemType.Equals(NumberDataViewType.Double)),
            "Single or Double values, or a vector of them (convert other numbers with Conversion.ConvertType)");
        return shape.With(new SchemaShape.Column(c.Output, input.Kind, input.ItemType, false));
    });

    /// <inheritdoc />
    public MissingValueReplacingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        return new MissingValueReplacingTransformer(_columns.Select(c =>
        {
            var column = input.Schema[c.Input];
            bool bySlot = _bySlot && column.Type is VectorDataViewType;
            if (bySlot && column.Type is VectorDataViewType { IsKnownSize: false })
                throw new ArgumentOutOfRangeException(nameof(input), $"{User(c.Output)}: column '{c.Input}' is a vector whose size varies, so it has no slots to impute by; pass imputeBySlot: false.");
            return new MissingValueReplacingTransformer.ReplacedColumn(c.Output, c.Input, column.Type, Learn(input, column, bySlot));
        }).ToArray());
    }

    // The replacement of each slot (one value for a scalar, or for a vector imputed across slots).
    private double[] Learn(IDataView data, DataViewSchema.Column column, bool bySlot)
    {
        int width = bySlot ? ((VectorDataViewType)column.Type).Size : 1;
        var stats = Enumerable.Range(0, width).Select(_ => new FiniteStatistics()).ToArray();
        if (_mode != ReplacementMode.DefaultValue)
        {
            using var cursor = data.GetRowCursor([column]);
            var read = CursorValues.AsDoubles(cursor, column);
            while (cursor.MoveNext())
            {
                var values = read();
                for (int i = 0; i < values.Length; i++)
                    stats[bySlot ? i : 0].Add(values[i]);
            }
        }
        return stats.Select(s => s.Count == 0 ? 0 : _mode switch
        {
            ReplacementMode.Mean => s.Sum / s.Count,
            ReplacementMode.Minimum => s.Minimum,
            ReplacementMode.Maximum => s.Maximum,
            ReplacementMode.Mode => s.Mode,
            _ => 0,
        }).ToArray();
    }

    private sealed class FiniteStatistics
    {
        private readonly Dictionary<double, long> _counts = [];
        private long _modeCount;

        public long Count { get; private set; }
        public double Sum { get; private set; }
        public double Minimum { get; private set; } = double.PositiveInfinity;
        public double Maximum { get; private set; } = double.NegativeInfinity;
        public double Mode { get; private set; }

        public void Add(double x)
        {
            if (!double.IsFinite(x))
                return;
            Count++;
            Sum += x;
            Minimum = Math.Min(Minimum, x);
            Maximum = Math.Max(Maximum, x);
            long n = _counts[x] = _counts.GetValueOrDefault(x) + 1;
            if (n > _modeCount)
            {
                _modeCount = n;
                Mode = x;
            }
        }
    }
}
