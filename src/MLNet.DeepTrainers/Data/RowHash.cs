namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A uniform number in [0, 1) from a seed and a row (or a sampling key), the same every time it is
/// asked: splits need no state, stream in one pass and put equal keys on the same side.
/// </summary>
internal static class RowHash
{
    public static double Uniform(int seed, ulong item)
    {
        // SplitMix64's finaliser: a well-mixed 64-bit value from any input.
        ulong z = item + 0x9E3779B97F4A7C15UL * (ulong)(uint)seed + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    public static ulong Of(string text)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
            hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
