using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Models;

/// <summary>The zip format's CRC-32, computed by zlib (Debian's zlib1g, which libtorch already needs).</summary>
internal static partial class Crc32
{
    public static unsafe uint Of(ReadOnlySpan<byte> data)
    {
        ulong crc = 0;
        fixed (byte* p = data)
        {
            // zlib takes the length as a 32-bit unsigned int: feed it in slices.
            for (int start = 0; start < data.Length; start += int.MaxValue / 2)
                crc = ZlibCrc32(crc, p + start, (uint)Math.Min(int.MaxValue / 2, data.Length - start));
        }
        return (uint)crc;
    }

    [LibraryImport("libz.so.1", EntryPoint = "crc32")]
    private static unsafe partial ulong ZlibCrc32(ulong crc, byte* buffer, uint length);
}
