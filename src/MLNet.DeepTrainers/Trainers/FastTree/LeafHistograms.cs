using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Builds a leaf's gradient/hessian histogram (one cell per feature and bin) from its rows, and a
/// sibling's by subtraction, each thread over its own part of the features. Histograms are pooled:
/// each is larger than the large-object threshold, and allocating them per leaf would churn that heap.
/// Each feature has room for 256 bins, but only its own bins are cleared, summed and subtracted: a
/// bag of words has thousands of features of two or three bins each, and touching all 256 per leaf
/// made its trees 60 times slower.
/// </summary>
internal sealed unsafe class LeafHistograms
{
    public const int Bins = 256;
    // Rows are summed in chunks into a small single-precision histogram that stays in the first-level
    // cache, then added into the double-precision one: fast, and no float sum runs over more than a chunk.
    private const int ChunkRows = 8192;
    // A leaf whose rows are scattered (fewer than one in this many of its span) reads each row's bins
    // and gradient from memory the hardware prefetcher does not foresee; the loops ask for them
    // PrefetchRows rows ahead. Deep leaves build about twice as fast; dense ones would lose a little.
    private const int SparseSpan = 8;
    private const int PrefetchRows = 16;

    private readonly byte[] _bins;
    private readonly int _width;
    private readonly int[] _binCounts;
    private double[]? _exchange;
    private readonly FeatureParts _parts;
    // Per thread, one chunk's sums of a part's cells, four floats per cell (gradient, hessian, rows,
    // unused), or with unit hessians two (gradient, rows). A row count is exact in a float up to 2^24.
    private readonly float[][] _scratch;
    private readonly Stack<HistogramBin[]> _free = new();

    public LeafHistograms(byte[] bins, int[] binCounts, FeatureParts parts, int threads)
    {
        _bins = bins;
        _width = binCounts.Length;
        _binCounts = binCounts;
        _parts = parts;
        _scratch = Enumerable.Range(0, threads).Select(_ => new float[parts.MostFeatures * Bins * 4]).ToArray();
    }

    /// <summary>A histogram for <see cref="Build"/> to fill, from the pool when one was returned.</summary>
    public HistogramBin[] Rent() => _free.TryPop(out var histogram) ? histogram : new HistogramBin[_width * Bins];

    public void Return(HistogramBin[] histogram) => _free.Push(histogram);

    /// <summary>
    /// Writes the sums of rows[start .. start + count) into the cells of this part's features. With
    /// <paramref name="unitHessians"/> (squared error without weights) every hessian is 1: rows are counted instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Build(int part, int thread, HistogramBin[] histogram, int[] rows, int start, int count, float[] gradients, float[] hessians, bool unitHessians)
    {
        var (from, to) = _parts.Range(part);
        int offset = from * Bins;
        bool prefetch = count > 0 && rows[start + count - 1] - (long)rows[start] >= (long)SparseSpan * count;
        for (int f = from; f < to; f++)
            histogram.AsSpan(f * Bins, _binCounts[f]).Clear();
        fixed (float* scratch = _scratch[thread])
        fixed (byte* bins = _bins)
        fixed (int* index = rows)
        fixed (float* g = gradients, h = hessians)
        {
            for (int first = start; first < start + count; first += ChunkRows)
            {
                int end = Math.Min(first + ChunkRows, start + count);
                if (unitHessians)
                {
                    SumUnitChunk(scratch, bins, index, first, end, from, to, g, prefetch);
                    for (int f = from; f < to; f++)
                    {
                        int column = (f - from) * Bins;
                        for (int i = column; i < column + _binCounts[f]; i++)
                        {
                            ref var cell = ref histogram[offset + i];
                            float rowsInCell = scratch[2 * i + 1];
                            cell.Gradient += scratch[2 * i];
                            cell.Hessian += rowsInCell;
                            cell.Count += (int)rowsInCell;
                        }
                        new Span<float>(scratch + 2 * column, 2 * _binCounts[f]).Clear();
                    }
                }
                else
                {
                    SumChunk(scratch, bins, index, first, end, from, to, g, h, prefetch);
                    for (int f = from; f < to; f++)
                    {
                        int column = (f - from) * Bins;
                        for (int i = column; i < column + _binCounts[f]; i++)
                        {
                            ref var cell = ref histogram[offset + i];
                            cell.Gradient += scratch[4 * i];
                            cell.Hessian += scratch[4 * i + 1];
                            cell.Count += (int)scratch[4 * i + 2];
                        }
                        new Span<float>(scratch + 4 * column, 4 * _binCounts[f]).Clear();
                    }
                }
            }
        }
    }

    // The two inner loops below take a row's features four at a time (one 4-byte read of their bins):
    // a cell update is a load, an add and a store, and the loop's own bookkeeping would otherwise cost as much.

    // Cells of 16 bytes, (gradient, hessian, 1 row, 0): one vector add per cell.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SumChunk(float* scratch, byte* bins, int* index, int first, int end, int from, int to, float* g, float* h, bool prefetch)
    {
        var cells = (Vector128<float>*)scratch;
        for (int i = first; i < end; i++)
        {
            if (prefetch && i + PrefetchRows < end)
                Prefetch(bins, g, h, index[i + PrefetchRows]);
            int r = index[i];
            var update = Vector128.Create(g[r], h[r], 1f, 0f);
            byte* row = bins + (long)r * _width;
            Vector128<float>* column = cells;
            int f = from;
            for (; f + 4 <= to; f += 4, column += 4 * Bins)
            {
                uint four = Unsafe.ReadUnaligned<uint>(row + f);
                column[four & 0xFF] += update;
                column[Bins + ((four >> 8) & 0xFF)] += update;
                column[2 * Bins + ((four >> 16) & 0xFF)] += update;
                column[3 * Bins + (four >> 24)] += update;
            }
            for (; f < to; f++, column += Bins)
                column[row[f]] += update;
        }
    }

    // Cells of 8 bytes, (gradient, 1 row): half the cache the 16-byte cells take, which makes the
    // squared-error histograms about a quarter faster. Each cell is added as the low half of a vector.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SumUnitChunk(float* scratch, byte* bins, int* index, int first, int end, int from, int to, float* g, bool prefetch)
    {
        var cells = (double*)scratch;
        for (int i = first; i < end; i++)
        {
            if (prefetch && i + PrefetchRows < end)
                Prefetch(bins, g, null, index[i + PrefetchRows]);
            int r = index[i];
            var update = Vector128.Create(g[r], 1f, 0f, 0f);
            byte* row = bins + (long)r * _width;
            double* column = cells;
            int f = from;
            for (; f + 4 <= to; f += 4, column += 4 * Bins)
            {
                uint four = Unsafe.ReadUnaligned<uint>(row + f);
                AddPair(column + (four & 0xFF), update);
                AddPair(column + Bins + ((four >> 8) & 0xFF), update);
                AddPair(column + 2 * Bins + ((four >> 16) & 0xFF), update);
                AddPair(column + 3 * Bins + (four >> 24), update);
            }
            for (; f < to; f++, column += Bins)
                AddPair(column + row[f], update);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(byte* bins, float* gradients, float* hessians, int row)
    {
        if (!Sse.IsSupported)
            return;
        Sse.Prefetch0(bins + (long)row * _width);
        Sse.Prefetch0(gradients + row);
        if (hessians != null)
            Sse.Prefetch0(hessians + row);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(double* cell, Vector128<float> update) =>
        *cell = (Vector128.CreateScalarUnsafe(*cell).AsSingle() + update).AsDouble().ToScalar();

    /// <summary>from -= amount, over this part's features: the larger child's histogram from its parent's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Subtract(HistogramBin[] from, HistogramBin[] amount, int part)
    {
        var (first, last) = _parts.Range(part);
        for (int f = first; f < last; f++)
        {
            for (int i = f * Bins; i < f * Bins + _binCounts[f]; i++)
                from[i] = from[i] - amount[i];
        }
    }

    /// <summary>Replaces every used cell with its sum over the ranks of a distributed run (gradients, hessians and rows, in one exchange).</summary>
    public void SumOverRanks(HistogramBin[] histogram, DataParallel parallel)
    {
        // One buffer for every leaf of the run: a leaf's used cells can pass 85 KB, which would put each on the large-object heap.
        var sums = _exchange ??= new double[3 * _binCounts.Sum()];
        int at = 0;
        for (int f = 0; f < _width; f++)
        {
            foreach (var cell in histogram.AsSpan(f * Bins, _binCounts[f]))
            {
                sums[at++] = cell.Gradient;
                sums[at++] = cell.Hessian;
                sums[at++] = cell.Count;
            }
        }
        parallel.Sum(sums);
        at = 0;
        for (int f = 0; f < _width; f++)
        {
            foreach (ref var cell in histogram.AsSpan(f * Bins, _binCounts[f]))
                cell = new HistogramBin { Gradient = sums[at++], Hessian = sums[at++], Count = (int)sums[at++] };
        }
    }

    /// <summary>The leaf's sums: every row falls in exactly one bin of each feature, so feature 0's bins add up to the whole.</summary>
    public static HistogramBin Total(HistogramBin[] histogram)
    {
        var total = default(HistogramBin);
        for (int b = 0; b < Bins; b++)
            total = total + histogram[b];
        return total;
    }
}
