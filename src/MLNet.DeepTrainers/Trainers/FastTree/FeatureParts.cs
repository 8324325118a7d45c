namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// The features cut into contiguous ranges, one per thread, the parts of a tree's parallel steps: a
/// part's histogram cells are built, subtracted and searched by one thread. (More, smaller parts
/// balanced a slowed thread better but cost more: each part reads every row of the leaf again.)
/// </summary>
internal readonly record struct FeatureParts(int Features, int Parts)
{
    public (int From, int To) Range(int part) => (part * Features / Parts, (part + 1) * Features / Parts);

    /// <summary>The most features any part has.</summary>
    public int MostFeatures => (Features + Parts - 1) / Parts;
}
