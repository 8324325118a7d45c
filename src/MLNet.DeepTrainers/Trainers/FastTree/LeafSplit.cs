namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>A leaf's best split: value bins 1 to <paramref name="Bin"/> of <paramref name="Feature"/> go left, missing values as <paramref name="MissingLeft"/> says; Feature is -1 when none is possible.</summary>
internal readonly record struct LeafSplit(int Feature, int Bin, bool MissingLeft, double Gain, HistogramBin Left, HistogramBin Right)
{
    public static readonly LeafSplit None = new(-1, 0, false, double.NegativeInfinity, default, default);
}
