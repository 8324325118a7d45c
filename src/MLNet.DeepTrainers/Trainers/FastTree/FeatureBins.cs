using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Quantile bins of each feature: bin 0 holds missing values (NaN), bins 1 to n hold values up to
/// each bin's upper bound, about equally many rows in each. Splits are searched over bins, and a split
/// "bin ≤ b" is the float test "value ≤ upper bound of b", so trees predict on raw values.
/// </summary>
internal sealed class FeatureBins
{
    private FeatureBins(float[][] upperBounds, byte[] bins, byte[] columns, int rows)
    {
        UpperBounds = upperBounds;
        Bins = bins;
        Columns = columns;
        Rows = rows;
    }

    private const int TransposeRows = 4096;

    /// <summary>Per feature, the upper bound of value bins 1 to n (index 0 is bin 1); the last is +∞.</summary>
    public float[][] UpperBounds { get; }

    /// <summary>The row-major matrix of every training row's bin of every feature.</summary>
    public byte[] Bins { get; }

    /// <summary>The same bins feature-major: feature f's bins of every row at f × <see cref="Rows"/>.</summary>
    public byte[] Columns { get; }

    public int Rows { get; }

    public int Features => UpperBounds.Length;

    /// <summary>
    /// Learns at most <paramref name="maxBins"/> value bins per feature from all rows, or takes
    /// <paramref name="bounds"/> (from <see cref="Bounds"/>), and bins the rows. Each feature's values are
    /// radix-sorted with their rows, so the bounds come from exact quantiles and each row's bin from its
    /// rank, with no search.
    /// </summary>
    public static FeatureBins Build(float[] features, int rows, int width, int maxBins, ParallelOptions parallel, float[][]? bounds = null)
    {
        var bins = new byte[(long)rows * width];
        var columns = new byte[(long)rows * width];
        var upperBounds = bounds ?? new float[width][];
        Parallel.For(0, width, parallel, () => new SortBuffers(rows), (f, _, buffers) =>
        {
            upperBounds[f] = BinFeature(features, rows, width, f, maxBins, bounds?[f], buffers, columns);
            return buffers;
        }, _ => { });
        // Row-major from feature-major in blocks of rows: both sides are read and written in order,
        // where writing each row's bin as the sort visits it would scatter over the whole matrix.
        Parallel.For(0, (rows + TransposeRows - 1) / TransposeRows, parallel, block => Transpose(columns, bins, rows, width, block));
        return new FeatureBins(upperBounds, bins, columns, rows);
    }

    /// <summary>The bounds <see cref="Build"/> learns from the rows of <paramref name="features"/>, for binning other rows alike.</summary>
    public static float[][] Bounds(float[] features, int width, int maxBins, ParallelOptions parallel)
    {
        int rows = features.Length / width;
        var bounds = new float[width][];
        Parallel.For(0, width, parallel, () => new SortBuffers(rows), (f, _, buffers) =>
        {
            bounds[f] = Boundaries(buffers.Keys.AsSpan(0, SortFeature(features, rows, width, f, buffers)), maxBins);
            return buffers;
        }, _ => { });
        return bounds;
    }

    /// <summary>
    /// The rows every rank of a distributed run learns the bounds from when each holds its own (in rank
    /// order): all of them while the ranks hold at most <see cref="SampleValues"/> values together, else
    /// evenly spaced rows of each rank, as many as its share of the rows.
    /// </summary>
    public static float[] SampleOfEveryRank(float[] features, int rows, int width, DataParallel ranks)
    {
        var picked = SampleRows(rows, ranks.RowsOfEachRank(rows).Sum(), width);
        var sample = new float[(long)picked.Length * width];
        for (int i = 0; i < picked.Length; i++)
            features.AsSpan(picked[i] * width, width).CopyTo(sample.AsSpan(i * width));
        return ranks.Group.Concatenate(sample);
    }

    /// <summary>Which of a rank's <paramref name="rows"/> go into the sample, of <paramref name="totalRows"/> over all ranks.</summary>
    internal static int[] SampleRows(int rows, long totalRows, int width)
    {
        long budget = Math.Max(MinimumSampleRows, SampleValues / width);
        int take = totalRows <= budget ? rows : (int)(budget * rows / totalRows);
        var picked = new int[take];
        for (int i = 0; i < take; i++)
            picked[i] = (int)((long)i * rows / take);
        return picked;
    }

    /// <summary>How many feature values (rows × width) the ranks' sample for the bounds holds at most: 2^24, 64 MiB on each rank.</summary>
    internal const long SampleValues = 1 << 24;

    // Enough rows for 255 quantiles of very wide data, whatever the budget says.
    private const long MinimumSampleRows = 1024;

    // The methods below run once per feature or block, each over many rows: they are compiled
    // optimised from the first call (tiered compilation would run the first features unoptimised).

    /// <summary>Sorts feature f's values, learns its bounds unless <paramref name="known"/>, and writes its rows' bins into its column; returns the bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] BinFeature(float[] features, int rows, int width, int f, int maxBins, float[]? known, SortBuffers buffers, byte[] columns)
    {
        int n = SortFeature(features, rows, width, f, buffers);
        var sorted = buffers.Keys.AsSpan(0, n);
        var upper = known ?? Boundaries(sorted, maxBins);
        int bin = 0;
        for (int i = 0; i < n; i++)
        {
            float v = FromSortableBits(sorted[i]);
            while (v > upper[bin])
                bin++;
            columns[(long)f * rows + buffers.Rows[i]] = (byte)(bin + 1);
        }
        return upper;
    }

    /// <summary>Sorts feature f's values that are not missing (NaN: bin 0, as the arrays start) with their rows into the buffers; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SortFeature(float[] features, int rows, int width, int f, SortBuffers buffers)
    {
        int n = 0;
        for (int r = 0; r < rows; r++)
        {
            float v = features[(long)r * width + f];
            if (float.IsNaN(v))
                continue;
            buffers.Keys[n] = SortableBits(v);
            buffers.Rows[n++] = r;
        }
        buffers.Sort(n);
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(byte[] columns, byte[] bins, int rows, int width, int block)
    {
        int first = block * TransposeRows, last = Math.Min(rows, first + TransposeRows);
        for (int f = 0; f < width; f++)
        {
            long column = (long)f * rows;
            for (int r = first; r < last; r++)
                bins[(long)r * width + f] = columns[column + r];
        }
    }

    // Equal-frequency bins: cut where the rows so far pass the next multiple of n / maxBins, and only
    // between two distinct values; with no more distinct values than bins, each value gets its own.
    private static float[] Boundaries(ReadOnlySpan<uint> sorted, int maxBins)
    {
        var bounds = new List<float>();
        double perBin = (double)sorted.Length / maxBins;
        bool fewDistinct = CountDistinct(sorted, maxBins + 1) <= maxBins;
        for (int i = 0; i + 1 < sorted.Length && bounds.Count < maxBins - 1; i++)
        {
            float a = FromSortableBits(sorted[i]), b = FromSortableBits(sorted[i + 1]);
            if (a != b && (fewDistinct || i + 1 >= perBin * (bounds.Count + 1)))
                bounds.Add(Midpoint(a, b));
        }
        bounds.Add(float.PositiveInfinity);
        return [.. bounds];
    }

    private static int CountDistinct(ReadOnlySpan<uint> sorted, int atMost)
    {
        int distinct = sorted.IsEmpty ? 0 : 1;
        for (int i = 1; i < sorted.Length && distinct < atMost; i++)
            distinct += FromSortableBits(sorted[i]) != FromSortableBits(sorted[i - 1]) ? 1 : 0;
        return distinct;
    }

    private static float Midpoint(float a, float b)
    {
        float m = a + (b - a) / 2;
        return m < b ? m : a; // keeps a ≤ bound < b even where a and b are adjacent floats
    }

    // Float bits reordered so unsigned integer order is numeric order: negatives flipped, positives marked.
    private static uint SortableBits(float v)
    {
        uint bits = BitConverter.SingleToUInt32Bits(v);
        return (bits & 0x80000000u) != 0 ? ~bits : bits | 0x80000000u;
    }

    private static float FromSortableBits(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x80000000u) != 0 ? key & 0x7FFFFFFFu : ~key);

    /// <summary>One thread's buffers for a least-significant-digit radix sort of keys with their rows.</summary>
    private sealed class SortBuffers(int capacity)
    {
        public uint[] Keys { get; private set; } = new uint[capacity];
        public int[] Rows { get; private set; } = new int[capacity];
        private uint[] _keys = new uint[capacity];
        private int[] _rows = new int[capacity];
        private readonly int[] _counts = new int[256];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Sort(int n)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                Array.Clear(_counts);
                for (int i = 0; i < n; i++)
                    _counts[(Keys[i] >> shift) & 0xFF]++;
                for (int d = 0, sum = 0; d < 256; d++)
                    (_counts[d], sum) = (sum, sum + _counts[d]);
                for (int i = 0; i < n; i++)
                {
                    int at = _counts[(Keys[i] >> shift) & 0xFF]++;
                    _keys[at] = Keys[i];
                    _rows[at] = Rows[i];
                }
                (Keys, _keys) = (_keys, Keys);
                (Rows, _rows) = (_rows, Rows);
            }
        }
    }
}
