using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Finds a leaf's best split from its histogram: every allowed feature, every bin boundary, missing
/// values tried on each side; the gain is <see cref="SplitGain"/>'s less ML.NET's feature-use penalty.
/// </summary>
internal sealed class SplitFinder(TreeLearnerSettings settings, int[] binCounts, FeatureParts parts)
{
    // How often each feature has been split on, over every tree this learner grew: ML.NET's feature
    // (re)use penalties discourage features the ensemble has not needed so far.
    private readonly int[] _featureUses = new int[binCounts.Length];

    /// <summary>ML.NET's feature-use penalty on a split's gain: the first use costs a constant, later ones grow with ln(uses + 1).</summary>
    public double Penalty(int feature) =>
        _featureUses[feature] == 0 ? settings.FeatureFirstUsePenalty : settings.FeatureReusePenalty * Math.Log(_featureUses[feature] + 1);

    public void Used(int feature) => _featureUses[feature]++;

    /// <summary>The best split among this part's allowed features: its gain is 0 or less when none helps, and it is <see cref="LeafSplit.None"/> when no split is possible.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LeafSplit Find(HistogramBin[] histogram, HistogramBin total, bool[] allowedFeatures, int part)
    {
        double lambda = settings.L2Regularization;
        int minimum = Math.Max(1, settings.MinimumExampleCountPerLeaf);
        double parentScore = SplitGain.Score(total, lambda);
        var best = LeafSplit.None;
        if (total.Count < 2 * minimum)
            return best;
        var (from, to) = parts.Range(part);
        for (int f = from; f < to; f++)
        {
            if (!allowedFeatures[f])
                continue;
            double penalty = Penalty(f);
            var column = histogram.AsSpan(f * LeafHistograms.Bins, binCounts[f]);
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
                    double gain = SplitGain.Score(g, h, lambda) + SplitGain.Score(total.Gradient - g, total.Hessian - h, lambda) - parentScore - penalty;
                    if (gain > best.Gain)
                    {
                        var left = new HistogramBin { Gradient = g, Hessian = h, Count = n };
                        // With no missing values in training, unseen NaNs follow the larger side.
                        best = new LeafSplit(f, b, side == 1 || missing.Count == 0 && n > total.Count - n, gain, left, total - left);
                    }
                }
            }
        }
        return best;
    }
}
