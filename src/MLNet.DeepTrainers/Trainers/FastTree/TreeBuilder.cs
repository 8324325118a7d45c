namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>A tree's internal nodes as they are added, each linked to its parent; a child that is still a leaf is ~(leaf index).</summary>
internal sealed class TreeBuilder
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
