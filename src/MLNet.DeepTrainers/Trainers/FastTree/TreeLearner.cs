using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Grows one tree best-first (leaf-wise, as LightGBM and XGBoost's lossguide): the leaf whose best
/// split reduces the loss most is split next, until the tree has its leaves or no split helps. Splits
/// come from gradient/hessian histograms per leaf; a child's histogram is built for the smaller child
/// only, the larger one's being the parent's minus it. Missing values learn their default side.
/// Threads split the features: after a leaf is split, each thread builds, subtracts and searches its
/// own features' part of the children's histograms in one parallel pass.
/// </summary>
internal sealed unsafe class TreeLearner : IDisposable
{
    private const int Bins = 256;
    // Rows are summed in chunks into a small single-precision histogram that stays in the first-level
    // cache, then added into the double-precision one: fast, and no float sum runs over more than a chunk.
    private const int ChunkRows = 8192;

    private readonly byte[] _bins;
    private readonly int _width;
    private readonly int[] _binCounts;
    private readonly FeatureBins _featureBins;
    private readonly TreeLearnerSettings _settings;
    private readonly int _parts;
    private readonly CompactBin[][] _scratch;
    private readonly PartRunner _runner;
    // One histogram per leaf at most, reused from tree to tree: each is larger than the
    // large-object threshold, and allocating them afresh would churn that heap.
    private readonly Stack<HistogramBin[]> _free = new();
    private int[] _rightRows = [];
    private bool _unitHessians;
    // How often each feature has been split on, over every tree this learner grew: ML.NET's feature
    // (re)use penalties discourage features the ensemble has not needed so far.
    private readonly int[] _featureUses;

    public TreeLearner(FeatureBins featureBins, TreeLearnerSettings settings)
    {
        _bins = featureBins.Bins;
        _featureBins = featureBins;
        _width = featureBins.Features;
        _binCounts = featureBins.UpperBounds.Select(b => b.Length + 1).ToArray();
        _settings = settings;
        _parts = Math.Clamp(settings.Threads, 1, Math.Max(1, _width));
        _runner = new PartRunner(_parts);
        _scratch = Enumerable.Range(0, _parts).Select(_ => new CompactBin[_width * Bins]).ToArray();
        _featureUses = new int[_width];
    }

    /// <summary>Grows a tree; on return each leaf's rows are contiguous in <paramref name="rows"/>, at <paramref name="leafStart"/> and <paramref name="leafCount"/>.</summary>
    /// <param name="rows">The rows to learn from, in its first <paramref name="rowCount"/> entries (reordered in place).</param>
    /// <param name="rowCount">How many rows.</param>
    /// <param name="gradients">Each row's gradient.</param>
    /// <param name="hessians">Each row's hessian; ignored when <paramref name="unitHessians"/> (every one is 1: rows are counted instead).</param>
    /// <param name="unitHessians">Whether every hessian is 1 (squared error without weights).</param>
    /// <param name="allowedFeatures">The features splits may use.</param>
    /// <param name="leafStart">Where each leaf's rows start.</param>
    /// <param name="leafCount">How many rows each leaf has.</param>
    public RegressionTree Grow(int[] rows, int rowCount, float[] gradients, float[] hessians, bool unitHessians, bool[] allowedFeatures, out int[] leafStart, out int[] leafCount)
    {
        int maxLeaves = Math.Max(1, _settings.NumberOfLeaves);
        if (_rightRows.Length < rowCount)
            _rightRows = new int[rowCount];
        _unitHessians = unitHessians;
        var work = new Work(rows, gradients, hessians, allowedFeatures);
        var root = new Leaf(0, rowCount, -1, false) { Histogram = Rent() };
        ForEachPart(part => Accumulate(part, root.Histogram, work, 0, rowCount));
        root.Total = Total(root.Histogram);
        root.Best = Best(part => FindSplit(root.Histogram, root.Total, work, part));
        var leaves = new List<Leaf>(maxLeaves) { root };

        var tree = new TreeBuilder();
        while (leaves.Count < maxLeaves)
        {
            int chosen = -1;
            for (int i = 0; i < leaves.Count; i++)
            {
                if (leaves[i].Best.Gain > 0 && (chosen < 0 || leaves[i].Best.Gain > leaves[chosen].Best.Gain))
                    chosen = i;
            }
            // As in ML.NET, the root is split whenever a split is possible, even one the feature-use
            // penalties make look unprofitable; otherwise a penalty could stop boosting altogether.
            if (chosen < 0 && leaves.Count == 1 && root.Best.Feature >= 0)
                chosen = 0;
            if (chosen < 0)
                break;
            var parent = leaves[chosen];
            var split = parent.Best;
            // The tree records the loss reduction itself (feature importance), without the penalty.
            double lossReduction = split.Gain + Penalty(split.Feature);
            _featureUses[split.Feature]++;
            int node = tree.Add(split.Feature, _featureBins.UpperBounds[split.Feature][split.Bin - 1], split.MissingLeft, lossReduction, ~chosen, ~leaves.Count, parent.ParentNode, parent.IsLeftChild);

            int leftCount = Partition(rows, parent.Start, parent.Count, split);
            var left = new Leaf(parent.Start, leftCount, node, true) { Total = split.Left };
            var right = new Leaf(parent.Start + leftCount, parent.Count - leftCount, node, false) { Total = split.Right };
            // The smaller child's histogram is built from its rows; the larger's is the parent's minus it.
            var (small, large) = leftCount <= parent.Count - leftCount ? (left, right) : (right, left);
            small.Histogram = Rent();
            large.Histogram = parent.Histogram;
            var leftBest = new Split[_parts];
            var rightBest = new Split[_parts];
            ForEachPart(part =>
            {
                Accumulate(part, small.Histogram, work, small.Start, small.Count);
                Subtract(large.Histogram, small.Histogram, part);
                leftBest[part] = FindSplit(left.Histogram, left.Total, work, part);
                rightBest[part] = FindSplit(right.Histogram, right.Total, work, part);
            });
            left.Best = Best(part => leftBest[part]);
            right.Best = Best(part => rightBest[part]);
            leaves[chosen] = left;
            leaves.Add(right);
        }

        foreach (var leaf in leaves)
            _free.Push(leaf.Histogram);
        double lambda = _settings.L2Regularization;
        leafStart = leaves.Select(l => l.Start).ToArray();
        leafCount = leaves.Select(l => l.Count).ToArray();
        var values = leaves.Select(l => l.Total.Hessian + lambda > 0 ? (float)(-l.Total.Gradient / (l.Total.Hessian + lambda)) : 0f).ToArray();
        return tree.Build(values);
    }

    private sealed record Work(int[] Rows, float[] Gradients, float[] Hessians, bool[] AllowedFeatures);

    private sealed class Leaf(int start, int count, int parentNode, bool isLeftChild)
    {
        public int Start { get; } = start;
        public int Count { get; } = count;
        public int ParentNode { get; } = parentNode;
        public bool IsLeftChild { get; } = isLeftChild;
        public HistogramBin[] Histogram { get; set; } = [];
        public HistogramBin Total { get; set; }
        public Split Best { get; set; }
    }

    private readonly record struct Split(int Feature, int Bin, bool MissingLeft, double Gain, HistogramBin Left, HistogramBin Right);

    private struct CompactBin
    {
        public float Gradient;
        public float Hessian;
        public int Count;
    }

    /// <summary>The internal nodes as they are added, linked to their parents; leaves are ~index.</summary>
    private sealed class TreeBuilder
    {
        private readonly List<int> _features = [], _left = [], _right = [];
        private readonly List<float> _thresholds = [];
        private readonly List<bool> _defaultLeft = [];
        private readonly List<double> _gains = [];

        public int Add(int feature, float threshold, bool defaultLeft, double gain, int left, int right, int parent, bool isLeftChild)
        {
            int node = _features.Count;
            _features.Add(feature);
            _thresholds.Add(threshold);
            _defaultLeft.Add(defaultLeft);
            _gains.Add(gain);
            _left.Add(left);
            _right.Add(right);
            if (parent >= 0)
                (isLeftChild ? _left : _right)[parent] = node;
            return node;
        }

        public RegressionTree Build(float[] leafValues) => new([.. _features], [.. _thresholds], [.. _defaultLeft], [.. _left], [.. _right], [.. _gains], leafValues);
    }

    private (int From, int To) Features(int part) => (part * _width / _parts, (part + 1) * _width / _parts);

    private void ForEachPart(Action<int> action) => _runner.Run(action);

    public void Dispose() => _runner.Dispose();

    // The best of the parts' splits; on equal gains the lower part (so the lower feature) wins, whatever thread finished first.
    private Split Best(Func<int, Split> ofPart)
    {
        var best = ofPart(0);
        for (int part = 1; part < _parts; part++)
        {
            var candidate = ofPart(part);
            if (candidate.Gain > best.Gain)
                best = candidate;
        }
        return best;
    }

    private HistogramBin[] Rent()
    {
        if (!_free.TryPop(out var histogram))
            return new HistogramBin[_width * Bins];
        Array.Clear(histogram);
        return histogram;
    }

    /// <summary>Adds rows [start, start + count) into the histogram cells of this part's features.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(int part, HistogramBin[] histogram, Work work, int start, int count)
    {
        var (from, to) = Features(part);
        int cells = (to - from) * Bins, offset = from * Bins;
        var compact = _scratch[part];
        for (int first = start; first < start + count; first += ChunkRows)
        {
            AccumulateChunk(compact, work, first, Math.Min(ChunkRows, start + count - first), from, to);
            for (int i = 0; i < cells; i++)
            {
                ref var cell = ref histogram[offset + i];
                cell.Gradient += compact[i].Gradient;
                cell.Hessian += _unitHessians ? compact[i].Count : compact[i].Hessian;
                cell.Count += compact[i].Count;
            }
            Array.Clear(compact, 0, cells);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AccumulateChunk(CompactBin[] histogram, Work work, int start, int count, int from, int to)
    {
        int width = _width;
        fixed (CompactBin* hist = histogram)
        fixed (byte* bins = _bins)
        fixed (int* index = work.Rows)
        fixed (float* g = work.Gradients, h = work.Hessians)
        {
            if (_unitHessians)
            {
                // Squared error without weights: every hessian is 1, so only gradients and counts are summed.
                for (int i = start; i < start + count; i++)
                {
                    int r = index[i];
                    float gr = g[r];
                    byte* row = bins + (long)r * width;
                    CompactBin* column = hist;
                    for (int f = from; f < to; f++, column += Bins)
                    {
                        CompactBin* bin = column + row[f];
                        bin->Gradient += gr;
                        bin->Count++;
                    }
                }
                return;
            }
            for (int i = start; i < start + count; i++)
            {
                int r = index[i];
                float gr = g[r], hr = h[r];
                byte* row = bins + (long)r * width;
                CompactBin* column = hist;
                for (int f = from; f < to; f++, column += Bins)
                {
                    CompactBin* bin = column + row[f];
                    bin->Gradient += gr;
                    bin->Hessian += hr;
                    bin->Count++;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Subtract(HistogramBin[] from, HistogramBin[] amount, int part)
    {
        var (first, last) = Features(part);
        for (int i = first * Bins; i < last * Bins; i++)
            from[i] = from[i] - amount[i];
    }

    private static HistogramBin Total(HistogramBin[] histogram)
    {
        // Every row falls in exactly one bin of each feature: feature 0's bins add up to the whole.
        var total = default(HistogramBin);
        for (int b = 0; b < Bins; b++)
            total = total + histogram[b];
        return total;
    }

    /// <summary>The best split of a leaf among this part's allowed features (gain 0 when none helps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Split FindSplit(HistogramBin[] histogram, HistogramBin total, Work work, int part)
    {
        double lambda = _settings.L2Regularization + 1e-12;
        int minimum = Math.Max(1, _settings.MinimumExampleCountPerLeaf);
        double parentScore = Score(total, lambda - 1e-12);
        var best = new Split(-1, 0, false, double.NegativeInfinity, default, default);
        if (total.Count < 2 * minimum)
            return best;
        var (from, to) = Features(part);
        for (int f = from; f < to; f++)
        {
            if (!work.AllowedFeatures[f])
                continue;
            double penalty = Penalty(f);
            var column = histogram.AsSpan(f * Bins, _binCounts[f]);
            var missing = column[0];
            // Missing values to the right, then (when there are any) to the left.
            for (int side = 0; side < (missing.Count > 0 ? 2 : 1); side++)
            {
                double g = side == 0 ? 0 : missing.Gradient, h = side == 0 ? 0 : missing.Hessian;
                int n = side == 0 ? 0 : missing.Count;
                for (int b = 1; b < column.Length - 1; b++)
                {
                    ref var cell = ref column[b];
                    g += cell.Gradient;
                    h += cell.Hessian;
                    n += cell.Count;
                    if (n < minimum)
                        continue;
                    if (total.Count - n < minimum)
                        break;
                    double gr = total.Gradient - g, hr = total.Hessian - h;
                    double gain = g * g / (h + lambda) + gr * gr / (hr + lambda) - parentScore - penalty;
                    if (gain > best.Gain)
                    {
                        var l = new HistogramBin { Gradient = g, Hessian = h, Count = n };
                        // With no missing values in training, unseen NaNs follow the larger side.
                        best = new Split(f, b, side == 1 || missing.Count == 0 && n > total.Count - n, gain, l, total - l);
                    }
                }
            }
        }
        return best;
    }

    /// <summary>ML.NET's feature-use penalty on a split's gain: the first use costs a constant, later ones grow with ln(uses + 1).</summary>
    private double Penalty(int feature) =>
        _featureUses[feature] == 0 ? _settings.FeatureFirstUsePenalty : _settings.FeatureReusePenalty * Math.Log(_featureUses[feature] + 1);

    private static double Score(HistogramBin stats, double lambda) => stats.Gradient * stats.Gradient / (stats.Hessian + lambda + 1e-12);

    /// <summary>
    /// Reorders the leaf's rows, left child first, keeping each side in ascending order; returns the left
    /// count. Large leaves are split into one piece per thread, each partitioned on its own, then joined.
    /// </summary>
    private int Partition(int[] rows, int start, int count, Split split)
    {
        int pieces = count < 16384 ? 1 : _parts;
        var lefts = new int[pieces];
        int per = (count + pieces - 1) / pieces;
        if (pieces == 1)
            lefts[0] = PartitionPiece(rows, start, count, 0, split);
        else
            _runner.Run(p => lefts[p] = PartitionPiece(rows, start + p * per, Math.Min(per, count - p * per), p * per, split));
        // Each piece left its lefts at its own start and its rights in _rightRows at its offset: gather them.
        int leftCount = lefts[0];
        for (int p = 1; p < pieces; p++)
        {
            Array.Copy(rows, start + p * per, rows, start + leftCount, lefts[p]);
            leftCount += lefts[p];
        }
        int at = start + leftCount;
        for (int p = 0; p < pieces; p++)
        {
            int pieceCount = Math.Min(per, count - p * per);
            Array.Copy(_rightRows, p * per, rows, at, pieceCount - lefts[p]);
            at += pieceCount - lefts[p];
        }
        return leftCount;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PartitionPiece(int[] rows, int start, int count, int rightOffset, Split split)
    {
        int width = _width, feature = split.Feature, bin = split.Bin;
        int missingLeft = split.MissingLeft ? 1 : 0;
        int leftCount = 0, rightCount = 0;
        fixed (int* index = rows, rightRows = _rightRows)
        fixed (byte* bins = _bins)
        {
            int* target = index + start;
            int* right = rightRows + rightOffset;
            // Branch-free: each row is written to both sides and only the side it belongs to advances.
            for (int i = 0; i < count; i++)
            {
                int r = target[i];
                int b = bins[(long)r * width + feature];
                // Value bins 1 to bin go left (b - 1 wraps round for the missing bin 0, which follows missingLeft).
                int goesLeft = ((uint)(b - 1) < (uint)bin ? 1 : 0) | (b == 0 ? missingLeft : 0);
                target[leftCount] = r;
                right[rightCount] = r;
                leftCount += goesLeft;
                rightCount += 1 - goesLeft;
            }
        }
        return leftCount;
    }
}
