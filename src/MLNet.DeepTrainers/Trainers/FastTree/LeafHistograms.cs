using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Builds a leaf's gradient/hessian histogram (one cell per feature and bin) from its rows, and a
/// sibling's by subtraction, each thread over its own part of the features. Histograms are pooled:
/// each is larger than the large-object threshold, and allocating them per leaf would churn that heap.
/// </summary>
internal sealed unsafe class LeafHistograms
{
    public const int Bins = 256;
    // Rows are summed in chunks into a small single-precision histogram that stays in the first-level
    // cache, then added into the double-precision one: fast, and no float sum runs over more than a chunk.
    private const int ChunkRows = 8192;

    private readonly byte[] _bins;
    private readonly int _width;
    private readonly FeatureParts _parts;
    // Per thread, one chunk's sums: gradient, hessian and rows (exact in a float up to 2^24 rows) per cell.
    private readonly Vector128<float>[][] _scratch;
    private readonly Stack<HistogramBin[]> _free = new();

    public LeafHistograms(byte[] bins, int width, FeatureParts parts)
    {
        _bins = bins;
        _width = width;
        _parts = parts;
        _scratch = Enumerable.Range(0, parts.Parts).Select(_ => new Vector128<float>[width * Bins]).ToArray();
    }

    /// <summary>An all-zero histogram, from the pool when one was returned.</summary>
    public HistogramBin[] Rent()
    {
        if (!_free.TryPop(out var histogram))
            return new HistogramBin[_width * Bins];
        Array.Clear(histogram);
        return histogram;
    }

    public void Return(HistogramBin[] histogram) => _free.Push(histogram);

    /// <summary>
    /// Adds rows[start .. start + count) into the cells of this part's features. With
    /// <paramref name="unitHessians"/> (squared error without weights) every hessian is 1: rows are counted instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(int part, HistogramBin[] histogram, int[] rows, int start, int count, float[] gradients, float[] hessians, bool unitHessians)
    {
        var (from, to) = _parts.Range(part);
        int cells = (to - from) * Bins, offset = from * Bins;
        var compact = _scratch[part];
        for (int first = start; first < start + count; first += ChunkRows)
        {
            AccumulateChunk(compact, rows, first, Math.Min(ChunkRows, start + count - first), from, to, gradients, hessians, unitHessians);
            for (int i = 0; i < cells; i++)
            {
                ref var cell = ref histogram[offset + i];
                var sums = compact[i];
                cell.Gradient += sums.GetElement(0);
                cell.Hessian += sums.GetElement(1);
                cell.Count += (int)sums.GetElement(2);
            }
            Array.Clear(compact, 0, cells);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AccumulateChunk(Vector128<float>[] histogram, int[] rows, int start, int count, int from, int to, float[] gradients, float[] hessians, bool unitHessians)
    {
        int width = _width;
        fixed (Vector128<float>* hist = histogram)
        fixed (byte* bins = _bins)
        fixed (int* index = rows)
        fixed (float* g = gradients, h = hessians)
        {
            for (int i = start; i < start + count; i++)
            {
                int r = index[i];
                // One vector addition per cell: (gradient, hessian, 1 row). A unit hessian is the row itself.
                var update = Vector128.Create(g[r], unitHessians ? 1f : h[r], 1f, 0f);
                byte* row = bins + (long)r * width;
                Vector128<float>* column = hist;
                for (int f = from; f < to; f++, column += Bins)
                {
                    Vector128<float>* cell = column + row[f];
                    *cell += update;
                }
            }
        }
    }

    /// <summary>from -= amount, over this part's features: the larger child's histogram from its parent's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Subtract(HistogramBin[] from, HistogramBin[] amount, int part)
    {
        var (first, last) = _parts.Range(part);
        for (int i = first * Bins; i < last * Bins; i++)
            from[i] = from[i] - amount[i];
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
