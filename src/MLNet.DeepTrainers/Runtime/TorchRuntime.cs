namespace MLNet.DeepTrainers;

/// <summary>
/// The one door to TorchSharp's native side: loaded once per process, before any tensor exists, with
/// the compatibility step that Debian 12's older libstdc++ needs (see the README's "TorchSharp on
/// Debian 12"). The deep trainers call it themselves; an application whose own code uses TorchSharp
/// before any deep trainer runs calls <see cref="EnsureLoaded"/> first.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Makes sure libtorch is loaded (with Debian 12's compatibility step where needed); throws a message that says what to install otherwise. Cheap after the first call.</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    private static bool Load()
    {
        LibTorchSharpLoader.LoadIfNeeded();
        try
        {
            return torch.TryInitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException("TorchSharp's native library could not be loaded. The application must reference a TorchSharp native package: " +
                "TorchSharp-cpu 0.107.0 (dotnet add package TorchSharp-cpu --version 0.107.0), or a CUDA one on GPU machines. " + e.Message, e);
        }
    }

    /// <summary>Sets libtorch's intra-op threads for a fit: the number asked for, or leaves libtorch's default (one per core).</summary>
    internal static void UseThreads(int? threads)
    {
        EnsureLoaded();
        if (threads is int n)
        {
            if (n <= 0)
                throw new ArgumentOutOfRangeException(nameof(threads), n, "NumberOfThreads must be positive, or null for one per core.");
            torch.set_num_threads(n);
        }
    }
}
