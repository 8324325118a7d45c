using System.Numerics;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// MurmurHash3 (x86, 32-bit) as ML.NET applies it, so hashed columns and key-based splits match
/// ML.NET's: text is hashed as its UTF-8 bytes (each UTF-16 unit on its own, so a lone surrogate
/// takes 3 bytes), 32-bit values as one block, 64-bit values as two (low half first).
/// </summary>
internal static class MurmurHash
{
    public static uint Of(uint seed, uint value) => Mix(Round(seed, value), sizeof(uint));

    public static uint Of(uint seed, ulong value) => Mix(Round(Round(seed, (uint)value), (uint)(value >> 32)), sizeof(ulong));

    public static uint Of(uint seed, ReadOnlySpan<char> text)
    {
        uint hash = seed, block = 0;
        int length = 0;
        Span<byte> bytes = stackalloc byte[3];
        foreach (char c in text)
        {
            int count = Utf8(c, bytes);
            for (int i = 0; i < count; i++)
            {
                block |= (uint)bytes[i] << (8 * (length & 3));
                if ((++length & 3) == 0)
                {
                    hash = Round(hash, block);
                    block = 0;
                }
            }
        }
        if ((length & 3) != 0)
            hash ^= Scramble(block);
        return Mix(hash, length);
    }

    private static int Utf8(char c, Span<byte> bytes)
    {
        if (c <= 0x7F)
        {
            bytes[0] = (byte)c;
            return 1;
        }
        if (c <= 0x7FF)
        {
            bytes[0] = (byte)(0xC0 | (c >> 6));
            bytes[1] = (byte)(0x80 | (c & 0x3F));
            return 2;
        }
        bytes[0] = (byte)(0xE0 | (c >> 12));
        bytes[1] = (byte)(0x80 | ((c >> 6) & 0x3F));
        bytes[2] = (byte)(0x80 | (c & 0x3F));
        return 3;
    }

    private static uint Scramble(uint block) => BitOperations.RotateLeft(block * 0xCC9E2D51, 15) * 0x1B873593;

    /// <summary>One MurmurHash3 round; ML.NET seeds an ordered hash of slot i with Round(seed, i).</summary>
    public static uint Round(uint hash, uint block) => BitOperations.RotateLeft(hash ^ Scramble(block), 13) * 5 + 0xE6546B64;

    public static uint Mix(uint hash, int length)
    {
        hash ^= (uint)length;
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        return hash ^ (hash >> 16);
    }
}
