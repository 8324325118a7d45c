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
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            int splits = tree.SplitFeatures.Length;
            // Internal nodes keep their numbers; leaf k becomes node splits + k (a child index ~k in the tree).
            long Id(int child) => child >= 0 ? child : splits + ~child;
            for (int n = 0; n < splits; n++)
            {
                treeIds.Add(t);
                nodeIds.Add(n);
                featureIds.Add(tree.SplitFeatures[n]);
                modes.Add("BRANCH_LEQ");
                thresholds.Add(tree.Thresholds[n]);
                trueIds.Add(Id(tree.LeftChild[n]));
                falseIds.Add(Id(tree.RightChild[n]));
                missingTrue.Add(tree.DefaultLeft[n] ? 1 : 0);
            }
            for (int leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
            {
                treeIds.Add(t);
                nodeIds.Add(splits + leaf);
                featureIds.Add(0);
                modes.Add("LEAF");
                thresholds.Add(0);
                trueIds.Add(0);
                falseIds.Add(0);
                missingTrue.Add(0);
                targetTrees.Add(t);
                targetNodes.Add(splits + leaf);
                targetIds.Add(model.TreeClasses[t]);
                targetWeights.Add(tree.LeafValues[leaf]);
            }
        }
        var sums = graph.MLNode("TreeEnsembleRegressor", [features],
            OnnxAttribute.Int("n_targets", model.Bias.Count),
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
            OnnxAttribute.Floats("base_values", model.Bias.Select(b => (float)b)),
            OnnxAttribute.Text("aggregate_function", "SUM"),
            OnnxAttribute.Text("post_transform", "NONE"));
        switch (model.Output)
        {
            case TreeOutput.Softmax:
                return graph.Node("Softmax", [sums], OnnxAttribute.Int("axis", 1));
            case TreeOutput.Logit:
                // log(p / (1 - p)) of the averaged probability, kept finite as the library does (which clamps p
                // to [1e-7, 1 - 1e-7] in double). In float 1 - 1e-7 rounds to 1 - 1.2e-7, so p and 1 - p are
                // each clamped from below instead: log p - log(1 - p).
                string Floor(string value) => graph.Node("Clip", [value, graph.Constant([1e-7f]), graph.Constant([1f])]);
                return graph.Node("Sub", [graph.Node("Log", [Floor(sums)]), graph.Node("Log", [Floor(graph.Node("Sub", [graph.Constant([1f]), sums]))])]);
            default:
                return sums;
        }
    }
}
