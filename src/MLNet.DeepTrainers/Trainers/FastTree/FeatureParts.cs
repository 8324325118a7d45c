namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>The features cut into one contiguous range per thread: each thread builds, subtracts and searches its own range.</summary>
internal readonly record struct FeatureParts(int Features, int Parts)
{
    public (int From, int To) Range(int part) => (part * Features / Parts, (part + 1) * Features / Parts);
}
