namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// One trained tree, readable: internal node i tests <c>features[SplitFeatures[i]] ≤ Thresholds[i]</c>
/// (a NaN goes the node's default way) and goes to <see cref="LeftChild"/> or <see cref="RightChild"/>;
/// a child that is negative is the leaf <c>~child</c>, whose output is <see cref="LeafValues"/>.
/// </summary>
public sealed class RegressionTree
{
    internal RegressionTree(int[] splitFeatures, float[] thresholds, bool[] defaultLeft, int[] leftChild, int[] rightChild, double[] splitGains, float[] leafValues)
    {
        SplitFeatures = splitFeatures;
        Thresholds = thresholds;
        DefaultLeft = defaultLeft;
        LeftChild = leftChild;
        RightChild = rightChild;
        SplitGains = splitGains;
        LeafValues = leafValues;
    }

    /// <summary>The feature each internal node tests.</summary>
    public int[] SplitFeatures { get; }

    /// <summary>The threshold of each internal node: values at or below it go left.</summary>
    public float[] Thresholds { get; }

    /// <summary>Whether a missing value (NaN) goes left at each internal node (learned in training).</summary>
    public bool[] DefaultLeft { get; }

    /// <summary>Each internal node's left child: a node index, or ~leaf for a leaf.</summary>
    public int[] LeftChild { get; }

    /// <summary>Each internal node's right child: a node index, or ~leaf for a leaf.</summary>
    public int[] RightChild { get; }

    /// <summary>The loss reduction each split brought in training.</summary>
    public double[] SplitGains { get; }

    /// <summary>The output of each leaf (learning rate and averaging already applied).</summary>
    public float[] LeafValues { get; }

    /// <summary>The number of leaves.</summary>
    public int NumberOfLeaves => LeafValues.Length;

    /// <summary>The leaf <paramref name="features"/> falls into.</summary>
    public int GetLeaf(ReadOnlySpan<float> features)
    {
        if (SplitFeatures.Length == 0)
            return 0;
        int node = 0;
        while (node >= 0)
        {
            float value = features[SplitFeatures[node]];
            bool left = float.IsNaN(value) ? DefaultLeft[node] : value <= Thresholds[node];
            node = left ? LeftChild[node] : RightChild[node];
        }
        return ~node;
    }

    /// <summary>The tree's output for <paramref name="features"/>.</summary>
    public float Evaluate(ReadOnlySpan<float> features) => LeafValues[GetLeaf(features)];

    internal RegressionTree ScaleLeaves(float factor) =>
        new(SplitFeatures, Thresholds, DefaultLeft, LeftChild, RightChild, SplitGains, LeafValues.Select(v => v * factor).ToArray());
}
