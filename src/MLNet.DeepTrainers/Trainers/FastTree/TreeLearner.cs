namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Grows one tree best-first (leaf-wise, as LightGBM and XGBoost's lossguide): the leaf whose best
/// split reduces the loss most is split next, until the tree has its leaves or no split helps. The
/// concepts, as LightGBM's treelearner/ has them: <see cref="LeafHistograms"/> builds a leaf's
/// histogram (for the smaller child only; the larger one's is the parent's minus it),
/// <see cref="SplitFinder"/> searches it, <see cref="RowPartition"/> moves the rows, and this loop
/// decides what to split. Threads split the features: after a leaf is split, each thread builds,
/// subtracts and searches its own features' part of the children's histograms in one parallel pass.
/// In a distributed run each rank holds its part of the rows: every histogram it builds is summed over
/// the ranks before anything reads it, so every rank sees the histograms of all rows and grows the
/// same tree.
/// </summary>
internal sealed class TreeLearner : IDisposable
{
    private readonly FeatureBins _featureBins;
    private readonly TreeLearnerSettings _settings;
    private readonly FeatureParts _parts;
    private readonly PartRunner _runner;
    private readonly LeafHistograms _histograms;
    private readonly SplitFinder _splits;
    private readonly RowPartition _partition;
    private readonly DataParallel? _ranks;

    public TreeLearner(FeatureBins featureBins, TreeLearnerSettings settings, DataParallel? ranks)
    {
        _ranks = ranks;
        int width = featureBins.Features;
        _featureBins = featureBins;
        _settings = settings;
        int threads = Math.Clamp(settings.Threads, 1, Math.Max(1, width));
        _parts = new FeatureParts(width, threads);
        _runner = new PartRunner(threads);
        var binCounts = featureBins.UpperBounds.Select(b => b.Length + 1).ToArray();
        _histograms = new LeafHistograms(featureBins.Bins, binCounts, _parts, threads);
        _splits = new SplitFinder(settings, binCounts, _parts);
        _partition = new RowPartition(featureBins, _runner);
    }

    public void Dispose() => _runner.Dispose();

    private sealed class Leaf(int start, int count, int parentNode, bool isLeftChild)
    {
        public int Start { get; } = start;
        public int Count { get; } = count;
        public int ParentNode { get; } = parentNode;
        public bool IsLeftChild { get; } = isLeftChild;
        public HistogramBin[] Histogram { get; set; } = [];
        public HistogramBin Total { get; set; }
        public LeafSplit Best { get; set; }
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
        _partition.Reserve(rowCount);
        void Build(int part, int thread, Leaf leaf) => _histograms.Build(part, thread, leaf.Histogram, rows, leaf.Start, leaf.Count, gradients, hessians, unitHessians);
        LeafSplit Find(int part, Leaf leaf) => _splits.Find(leaf.Histogram, leaf.Total, allowedFeatures, part);

        var root = new Leaf(0, rowCount, -1, false) { Histogram = _histograms.Rent() };
        _runner.Run(_parts.Parts, (part, thread) => Build(part, thread, root));
        if (_ranks is not null)
            _histograms.SumOverRanks(root.Histogram, _ranks);
        root.Total = LeafHistograms.Total(root.Histogram);
        root.Best = Best(part => Find(part, root));
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
            double lossReduction = split.Gain + _splits.Penalty(split.Feature);
            _splits.Used(split.Feature);
            int node = tree.Add(split.Feature, _featureBins.UpperBounds[split.Feature][split.Bin - 1], split.MissingLeft, lossReduction, ~chosen, ~leaves.Count, parent.ParentNode, parent.IsLeftChild);

            int leftCount = _partition.Apply(rows, parent.Start, parent.Count, split);
            var left = new Leaf(parent.Start, leftCount, node, true) { Total = split.Left };
            var right = new Leaf(parent.Start + leftCount, parent.Count - leftCount, node, false) { Total = split.Right };
            // The smaller child's histogram is built from its rows; the larger's is the parent's minus
            // it. Distributed, "smaller" is over all ranks' rows (the split's sums), so every rank builds the same child.
            bool leftSmaller = _ranks is null ? leftCount <= parent.Count - leftCount : split.Left.Count <= split.Right.Count;
            var (small, large) = leftSmaller ? (left, right) : (right, left);
            small.Histogram = _histograms.Rent();
            large.Histogram = parent.Histogram;
            var leftBest = new LeafSplit[_parts.Parts];
            var rightBest = new LeafSplit[_parts.Parts];
            if (_ranks is null)
            {
                _runner.Run(_parts.Parts, (part, thread) =>
                {
                    Build(part, thread, small);
                    _histograms.Subtract(large.Histogram, small.Histogram, part);
                    leftBest[part] = Find(part, left);
                    rightBest[part] = Find(part, right);
                });
            }
            else
            {
                _runner.Run(_parts.Parts, (part, thread) => Build(part, thread, small));
                _histograms.SumOverRanks(small.Histogram, _ranks);
                _runner.Run(_parts.Parts, (part, _) =>
                {
                    _histograms.Subtract(large.Histogram, small.Histogram, part);
                    leftBest[part] = Find(part, left);
                    rightBest[part] = Find(part, right);
                });
            }
            left.Best = Best(part => leftBest[part]);
            right.Best = Best(part => rightBest[part]);
            leaves[chosen] = left;
            leaves.Add(right);
        }

        foreach (var leaf in leaves)
            _histograms.Return(leaf.Histogram);
        leafStart = leaves.Select(l => l.Start).ToArray();
        leafCount = leaves.Select(l => l.Count).ToArray();
        return tree.Build(leaves.Select(l => SplitGain.LeafOutput(l.Total, _settings.L2Regularization)).ToArray());
    }

    // The best of the parts' splits; on equal gains the lower part (so the lower feature) wins, whatever thread finished first.
    private LeafSplit Best(Func<int, LeafSplit> ofPart)
    {
        var best = ofPart(0);
        for (int part = 1; part < _parts.Parts; part++)
        {
            var candidate = ofPart(part);
            if (candidate.Gain > best.Gain)
                best = candidate;
        }
        return best;
    }
}
