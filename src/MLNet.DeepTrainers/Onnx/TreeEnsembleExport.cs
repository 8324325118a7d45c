namespace MLNet.DeepTrainers.Onnx;

/// <summary>
/// A FastTree or FastForest ensemble as ONNX-ML's TreeEnsembleRegressor (one target per output, the
/// trees' leaf values summed onto the bias), then the ensemble's output transform in plain ONNX.
/// A split sends x &lt;= threshold to its left child (ONNX's BRANCH_LEQ true branch) and a missing value
/// (NaN) where the tree learned to send it.
/// </summary>
internal static class TreeEnsembleExport
{
    public static string Write(OnnxGraph graph, TreeEnsembleModel model, string features)
    {
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var modes = new List<string>();
        var thresholds = new List<float>();
        var trueIds = new List<long>();
        var falseIds = new List<long>();
        var missingTrue = new List<long>();
        var targetTrees = new List<long>();
        var targetNodes = new List<long>();
        var targetIds = new List<long>();
        var targetWeights = new List<float>();
        // A forest's trees each hold probabilities scaled by its share of the average. Its logit needs 1 - p
        // as precisely as the library's double sum has it; 1 - p of a float sum near 1 loses most digits,
        // so a second target sums each tree's share - leaf instead, onto 1 - bias - (the shares' total).
        float share = 1f / model.Trees.Count;
        bool twoTargets = model.Output == TreeOutput.Logit;
        var bias = model.Bias.Select(b => (float)b).ToList();
        if (twoTargets)
            bias.Add((float)(1 - model.Bias[0] - model.Trees.Count * (double)share));
        void AddNode(long tree, long node, long feature, string mode, float threshold, long trueId, long falseId, long missingGoesTrue)
        {
            treeIds.Add(tree);
            nodeIds.Add(node);
            featureIds.Add(feature);
            modes.Add(mode);
            thresholds.Add(threshold);
            trueIds.Add(trueId);
            falseIds.Add(falseId);
            missingTrue.Add(missingGoesTrue);
        }
        void AddTarget(long tree, long node, long target, float weight)
        {
            targetTrees.Add(tree);
            targetNodes.Add(node);
            targetIds.Add(target);
            targetWeights.Add(weight);
        }
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            int splits = tree.SplitFeatures.Length;
            // Internal nodes keep their numbers; leaf k becomes node splits + k (a child index ~k in the tree).
            long Id(int child) => child >= 0 ? child : splits + ~child;
            for (int n = 0; n < splits; n++)
                AddNode(t, n, tree.SplitFeatures[n], "BRANCH_LEQ", tree.Thresholds[n], Id(tree.LeftChild[n]), Id(tree.RightChild[n]), tree.DefaultLeft[n] ? 1 : 0);
            for (int leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
            {
                AddNode(t, splits + leaf, 0, "LEAF", 0, 0, 0, 0);
                AddTarget(t, splits + leaf, model.TreeClasses[t], tree.LeafValues[leaf]);
                if (twoTargets)
                    AddTarget(t, splits + leaf, 1, share - tree.LeafValues[leaf]); // the second target sums 1 - p tree by tree
            }
        }
        var sums = graph.MLNode("TreeEnsembleRegressor", [features],
            OnnxAttribute.Int("n_targets", bias.Count),
            OnnxAttribute.Ints("nodes_treeids", treeIds),
            OnnxAttribute.Ints("nodes_nodeids", nodeIds),
            OnnxAttribute.Ints("nodes_featureids", featureIds),
            OnnxAttribute.Texts("nodes_modes", modes),
            OnnxAttribute.Floats("nodes_values", thresholds),
            OnnxAttribute.Ints("nodes_truenodeids", trueIds),
            OnnxAttribute.Ints("nodes_falsenodeids", falseIds),
            OnnxAttribute.Ints("nodes_missing_value_tracks_true", missingTrue),
            OnnxAttribute.Ints("target_treeids", targetTrees),
            OnnxAttribute.Ints("target_nodeids", targetNodes),
            OnnxAttribute.Ints("target_ids", targetIds),
            OnnxAttribute.Floats("target_weights", targetWeights),
            OnnxAttribute.Floats("base_values", bias),
            OnnxAttribute.Text("aggregate_function", "SUM"),
            OnnxAttribute.Text("post_transform", "NONE"));
        switch (model.Output)
        {
            case TreeOutput.Softmax:
                return graph.Node("Softmax", [sums], OnnxAttribute.Int("axis", 1));
            case TreeOutput.Logit:
                // log(p / (1 - p)) kept finite as the library does, which clamps p to [1e-7, 1 - 1e-7]: here
                // p and 1 - p (the two targets) are each clamped from below, log p - log(1 - p).
                string Target(long k) => graph.Node("Clip", [graph.Node("Gather", [sums, graph.Constant([k], 1)], OnnxAttribute.Int("axis", 1)), graph.Constant([1e-7f]), graph.Constant([1f])]);
                return graph.Node("Sub", [graph.Node("Log", [Target(0)]), graph.Node("Log", [Target(1)])]);
            default:
                return sums;
        }
    }
}
