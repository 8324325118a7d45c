namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A uniform number in [0, 1) from a seed and a row, the same every time it is asked: random splits
/// need no state and stream in one pass.
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
}
