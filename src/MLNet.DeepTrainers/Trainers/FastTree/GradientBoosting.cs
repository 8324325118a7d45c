using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// The boosting driver (FastTree): starting from the objective's initial scores, each round fits one
/// tree per output to the loss's gradients and hessians and adds it, scaled by the learning rate.
/// </summary>
internal static class GradientBoosting
{
    /// <summary>
    /// Boosts <see cref="TreeOptions.NumberOfTrees"/> rounds from the scores <paramref name="bias"/>, or
    /// fewer when the options' early-stopping rule, watching <paramref name="validation"/>, says stop.
    /// In a distributed run <paramref name="data"/> is this rank's part of the rows (<paramref name="ranks"/>).
    /// </summary>
    public static TreeEnsembleModel Train(TrainingData data, TrainingData? validation, FeatureBins featureBins, TreeObjective objective, double[] bias, TreeOutput output,
        BoostedTreeOptions options, TreeSampling sampling, ParallelOptions parallel, DataParallel? ranks)
    {
        int rows = data.Rows, outputs = objective.Outputs;
        var scores = new double[rows * outputs];
        for (int i = 0; i < scores.Length; i++)
            scores[i] = bias[i % outputs];
        var gradients = Enumerable.Range(0, outputs).Select(_ => new float[rows]).ToArray();
        var hessians = Enumerable.Range(0, outputs).Select(_ => new float[rows]).ToArray();
        using var learner = new TreeLearner(featureBins, TreeLearnerSettings.From(options, parallel), ranks);
        var trees = new List<RegressionTree>();
        var classes = new List<int>();
        var roundTrees = new RegressionTree[outputs];
        var earlyStop = options.EarlyStoppingRule is EarlyStoppingRuleBase rule
            ? new BoostingEarlyStop(rule, validation!, objective, options.StoppingMetric, bias, ranks)
            : null;
        bool unitHessians = objective is TreeObjective.SquaredError && data.Weights is null;
        var dense = data.Features.ToDense();
        for (int round = 0; round < options.NumberOfTrees; round++)
        {
            objective.Gradients(scores, data.Labels, data.Weights, gradients, hessians);
            var bag = sampling.NextRows();
            var features = sampling.NextFeatures();
            for (int k = 0; k < outputs; k++)
            {
                var tree = learner.Grow(bag.Array!, bag.Count, gradients[k], hessians[k], unitHessians, features, out var leafStart, out var leafCount).ScaleLeaves((float)options.LearningRate);
                if (sampling.AllRows)
                {
                    // Every row is in a leaf segment: add the leaf values without walking the tree.
                    AddLeafValues(scores, outputs, k, tree.LeafValues, bag.Array!, leafStart, leafCount);
                }
                else
                {
                    for (int r = 0; r < rows; r++)
                        scores[r * outputs + k] += tree.Evaluate(dense.AsSpan(r * data.Width, data.Width));
                }
                trees.Add(tree);
                classes.Add(k);
                roundTrees[k] = tree;
            }
            if (earlyStop is not null && earlyStop.AfterRound(round, roundTrees, scores, data.Labels))
                break;
        }
        if (earlyStop is not null)
        {
            int keep = earlyStop.BestRounds * outputs;
            trees.RemoveRange(keep, trees.Count - keep);
            classes.RemoveRange(keep, classes.Count - keep);
        }
        return new TreeEnsembleModel(trees, [.. classes], bias, output, featureBins.Features);
    }

    // Runs once per tree over every row: compiled optimised from the first call (tiered compilation
    // would run the first trees' passes unoptimised).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddLeafValues(double[] scores, int outputs, int output, float[] leafValues, int[] rows, int[] leafStart, int[] leafCount)
    {
        for (int leaf = 0; leaf < leafValues.Length; leaf++)
        {
            double value = leafValues[leaf];
            foreach (int r in rows.AsSpan(leafStart[leaf], leafCount[leaf]))
                scores[r * outputs + output] += value;
        }
    }
}
