using System.Text.Json;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// A trained FastTree or FastForest model: its trees (readable), each tree's class (multiclass), the
/// starting scores, and the total split gain per feature. Output k is <see cref="Bias"/>[k] plus the
/// sum of class k's trees, then <see cref="Output"/>'s transform.
/// </summary>
public sealed class TreeEnsembleModel : IScoringModel
{
    internal const string Kind = "TreeEnsemble";
    private readonly int[] _treeClasses;
    private readonly Lazy<double[]> _importance;

    internal TreeEnsembleModel(IReadOnlyList<RegressionTree> trees, int[] treeClasses, double[] bias, TreeOutput output, int featureCount)
    {
        Trees = trees;
        _treeClasses = treeClasses;
        Bias = bias;
        Output = output;
        FeatureCount = featureCount;
        // Computed when asked: a model file's feature count is checked against the pipeline's feature
        // column after loading, so nothing is allocated by that count before the check.
        _importance = new Lazy<double[]>(() =>
        {
            var importance = new double[featureCount];
            foreach (var tree in trees)
            {
                for (int n = 0; n < tree.SplitFeatures.Length; n++)
                    importance[tree.SplitFeatures[n]] += tree.SplitGains[n];
            }
            return importance;
        });
    }

    /// <summary>The trees, in training order.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>The class (output index) each tree adds to: all 0 except for multiclass.</summary>
    public IReadOnlyList<int> TreeClasses => _treeClasses;

    /// <summary>The starting score of each output (the label mean, log-odds or log-priors for boosting; 0 for a forest).</summary>
    public IReadOnlyList<double> Bias { get; }

    /// <summary>How the summed scores become outputs.</summary>
    public TreeOutput Output { get; }

    /// <summary>The number of features the trees read.</summary>
    public int FeatureCount { get; }

    /// <summary>Per feature, the total loss reduction of the splits on it (a feature the trees never use has 0).</summary>
    public IReadOnlyList<double> FeatureImportance => _importance.Value;

    string IScoringModel.Kind => Kind;

    int IScoringModel.FeatureWidth => FeatureCount;

    int IScoringModel.OutputWidth => Bias.Count;

    string IScoringModel.ExportOnnx(OnnxGraph graph, string features) => TreeEnsembleExport.Write(graph, this, features);

    void IScoringModel.Predict(ReadOnlySpan<float> features, int rows, Span<float> output)
    {
        int classes = Bias.Count;
        Span<double> sums = classes <= 64 ? stackalloc double[classes] : new double[classes];
        for (int r = 0; r < rows; r++)
        {
            var x = features.Slice(r * FeatureCount, FeatureCount);
            for (int k = 0; k < classes; k++)
                sums[k] = Bias[k];
            for (int t = 0; t < Trees.Count; t++)
                sums[_treeClasses[t]] += Trees[t].Evaluate(x);
            var y = output.Slice(r * classes, classes);
            Transform(sums, y);
        }
    }

    private void Transform(ReadOnlySpan<double> sums, Span<float> outputs)
    {
        switch (Output)
        {
            case TreeOutput.Logit:
                double p = Math.Clamp(sums[0], 1e-7, 1 - 1e-7);
                outputs[0] = (float)Math.Log(p / (1 - p));
                break;
            case TreeOutput.Softmax:
                double max = double.NegativeInfinity, total = 0;
                foreach (double s in sums)
                    max = Math.Max(max, s);
                for (int k = 0; k < sums.Length; k++)
                    total += Math.Exp(sums[k] - max);
                for (int k = 0; k < sums.Length; k++)
                    outputs[k] = (float)(Math.Exp(sums[k] - max) / total);
                break;
            default:
                for (int k = 0; k < sums.Length; k++)
                    outputs[k] = (float)sums[k];
                break;
        }
    }

    void IScoringModel.Save(StageWriter writer)
    {
        writer.Set("featureCount", FeatureCount);
        writer.Set("bias", Bias);
        writer.Set("output", Output);
        writer.Set("treeClasses", _treeClasses);
        writer.Parameters["trees"] = JsonSerializer.SerializeToNode(Trees.Select(t => new SavedTree(t.SplitFeatures, t.Thresholds, t.DefaultLeft, t.LeftChild, t.RightChild, t.SplitGains, t.LeafValues)));
    }

    internal static TreeEnsembleModel Load(StageReader reader)
    {
        int features = reader.Get<int>("featureCount");
        if (features <= 0)
            throw reader.Corrupt($"its feature count {features} is not positive");
        var trees = reader.Get<SavedTree?[]>("trees").Select((t, i) => (t ?? throw reader.Corrupt($"tree {i} is null")).ToTree(features, i, reader)).ToList();
        var classes = reader.Get<int[]>("treeClasses");
        var bias = reader.Get<double[]>("bias");
        var output = reader.Get<TreeOutput>("output");
        if (!Enum.IsDefined(output))
            throw reader.Corrupt($"its output {output} is not one of {string.Join(", ", Enum.GetNames<TreeOutput>())}");
        // Binary and regression ensembles have one output; multiclass ones one per class, at least two.
        bool outputsFit = output == TreeOutput.Softmax ? bias.Length >= 2 : bias.Length == 1;
        if (!outputsFit || classes.Length != trees.Count || classes.Any(c => c < 0 || c >= bias.Length))
            throw reader.Corrupt("its tree classes do not match its trees and outputs");
        return new TreeEnsembleModel(trees, classes, bias, output, features);
    }

    private sealed record SavedTree(int[] SplitFeatures, float[] Thresholds, bool[] DefaultLeft, int[] LeftChild, int[] RightChild, double[] SplitGains, float[] LeafValues)
    {
        public RegressionTree ToTree(int features, int index, StageReader reader)
        {
            if (SplitFeatures is null || Thresholds is null || DefaultLeft is null || LeftChild is null || RightChild is null || SplitGains is null || LeafValues is null)
                throw reader.Corrupt($"tree {index} lacks one of its arrays");
            int nodes = SplitFeatures.Length, leaves = LeafValues.Length;
            // Children come after their parent, so a damaged file cannot make prediction loop forever.
            bool valid = leaves == nodes + 1 && new[] { Thresholds.Length, DefaultLeft.Length, LeftChild.Length, RightChild.Length, SplitGains.Length }.All(n => n == nodes)
                && SplitFeatures.All(f => f >= 0 && f < features)
                && Enumerable.Range(0, nodes).All(n => new[] { LeftChild[n], RightChild[n] }.All(c => c >= 0 ? c > n && c < nodes : ~c < leaves));
            if (!valid)
                throw reader.Corrupt($"tree {index} is malformed");
            return new RegressionTree(SplitFeatures, Thresholds, DefaultLeft, LeftChild, RightChild, SplitGains, LeafValues);
        }
    }
}
