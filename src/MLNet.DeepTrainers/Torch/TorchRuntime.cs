using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Torch;

/// <summary>Process-wide libtorch settings: threads and devices.</summary>
internal static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _threadsSet;

    /// <summary>
    /// Sets libtorch's intra-op threads; null means all cores (libtorch's own default here is 1, which
    /// leaves most of the machine idle).
    /// </summary>
    public static void UseThreads(int? threads)
    {
        int wanted = threads ?? Environment.ProcessorCount;
        if (wanted <= 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "The number of threads must be positive (or null for all cores).");
        lock (Gate)
        {
            if (_threadsSet && NativeMethods.GetNumThreads() == wanted)
                return;
            Check(NativeMethods.SetNumThreads(wanted));
            _threadsSet = true;
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
