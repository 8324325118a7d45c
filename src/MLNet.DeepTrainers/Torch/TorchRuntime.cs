using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Torch;

/// <summary>Process-wide libtorch settings: threads and devices.</summary>
internal static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _threadsSet;
    // How many fits run side by side in this flow (cross-validation folds); each takes its share of the threads.
    private static readonly AsyncLocal<int> SideBySide = new();

    /// <summary>
    /// Sets libtorch's intra-op threads for the calling thread (libtorch's OpenMP pool is per thread);
    /// null means all cores (libtorch's own default here is 1, which leaves most of the machine idle).
    /// Within <see cref="SharingThreads"/>, each of the fits gets its share.
    /// </summary>
    public static void UseThreads(int? threads)
    {
        if (threads <= 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "The number of threads must be positive (or null for all cores).");
        int wanted = Math.Max(1, (threads ?? Environment.ProcessorCount) / Math.Max(1, SideBySide.Value));
        lock (Gate)
        {
            if (_threadsSet && NativeMethods.GetNumThreads() == wanted)
                return;
            Check(NativeMethods.SetNumThreads(wanted));
            _threadsSet = true;
        }
    }

    /// <summary>Runs <paramref name="work"/> as one of <paramref name="fits"/> fits side by side, then gives the calling thread back its thread count.</summary>
    public static T SharingThreads<T>(int fits, Func<T> work)
    {
        NativeMethods.EnsureLoaded();
        int before = NativeMethods.GetNumThreads();
        SideBySide.Value = fits;
        try
        {
            return work();
        }
        finally
        {
            SideBySide.Value = 0;
            Check(NativeMethods.SetNumThreads(before));
        }
    }

    public static int CudaDeviceCount => NativeMethods.CudaDeviceCount();

    public static void Check(int status)
    {
        if (status < 0)
            throw new TorchException(LastError());
    }

    public static string LastError() => Marshal.PtrToStringUTF8(NativeMethods.LastError()) ?? "unknown native error";
}
