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

    /// <summary>
    /// Sets libtorch's intra-op threads for one fit and gives back what it found when disposed: the number
    /// asked for, else one thread for a small step (libtorch's pool costs more than a second core gains on a
    /// step of microseconds), else libtorch's setting as it is (one per core unless the application set it).
    /// </summary>
    internal static ThreadsForFit UseThreads(int? threads, bool smallStep)
    {
        EnsureLoaded();
        int before = torch.get_num_threads();
        int wanted = threads ?? (smallStep ? 1 : before);
        if (wanted != before)
            torch.set_num_threads(wanted);
        return new ThreadsForFit(before, wanted);
    }

    /// <summary>Gives libtorch back the number of threads it had before a fit.</summary>
    internal readonly struct ThreadsForFit(int before, int during) : IDisposable
    {
        public void Dispose()
        {
            if (before != during)
                torch.set_num_threads(before);
        }
    }
}
