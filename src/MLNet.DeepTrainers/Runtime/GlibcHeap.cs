using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers;

/// <summary>
/// Keeps glibc's heap from handing freed memory back to the system after every training step. libtorch
/// allocates each step's activations and gradients with malloc and frees them at the step's end; glibc
/// then trims the heap's free top (keeping 128 KB by default), so the next step faults the same pages
/// in again, each zeroed by the kernel: about 1,900 page faults a step of the seeds' convnet, and 5 ms
/// of the kernel's CPU time beside the step's 20. With 128 MB kept at the top of each heap (glibc's
/// M_TOP_PAD) and blocks under 32 MB taken from the heap rather than mapped one by one
/// (M_MMAP_THRESHOLD; setting either stops glibc moving that threshold itself), a step reuses its
/// memory (README, "Randomness, devices, threads"). Process-wide, as glibc's settings are, and so left
/// alone when the application set any itself (GLIBC_TUNABLES or the MALLOC_* variables), and where the
/// C library is not glibc.
/// </summary>
internal static class GlibcHeap
{
    private const int TopPad = -2;          // M_TOP_PAD in malloc.h
    private const int MmapThreshold = -3;   // M_MMAP_THRESHOLD
    private const int KeptBytes = 128 << 20;
    private const int LargestFromHeap = 32 << 20;   // glibc's largest mmap threshold on 64-bit (HEAP_MAX_SIZE / 2)

    /// <summary>Applies the settings once, before the first step; false where they were left alone.</summary>
    public static bool KeepStepMemory()
    {
        if (!OperatingSystem.IsLinux() || SetByApplication())
            return false;
        try
        {
            return IsGlibc() && mallopt(MmapThreshold, LargestFromHeap) == 1 && mallopt(TopPad, KeptBytes) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private static bool SetByApplication() =>
        Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) == true ||
        Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(name => name.StartsWith("MALLOC_", StringComparison.Ordinal));

    /// <summary>Whether the C library is glibc, whose mallopt parameters these are (musl has no gnu_get_libc_version).</summary>
    private static bool IsGlibc() => gnu_get_libc_version() != IntPtr.Zero;

    [DllImport("libc", ExactSpelling = true)]
    private static extern int mallopt(int parameter, int value);

    [DllImport("libc", ExactSpelling = true)]
    private static extern IntPtr gnu_get_libc_version();
}
