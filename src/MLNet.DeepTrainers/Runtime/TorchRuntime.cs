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
    /// Below this much work a step (rows × weights, about its multiply-adds), one thread is faster than
    /// libtorch's pool: the pool's hand-offs cost more than a step of microseconds gains from a second core.
    /// Measured on the Boston MLP (batch 16 × 5,000 weights): 4-fold CV in 2.6 s on one thread, 3.7 s on two;
    /// Dense on Fashion-MNIST (batch 128 × 7,850) alike on one or two; the MLP 512-512 (× 670,000) needs both.
    /// </summary>
    private const long OneThreadStepWork = 1 << 20;

    /// <summary>
    /// Sets libtorch's intra-op threads for one fit and gives back what it found when disposed: the number
    /// asked for, else one thread for a small step (<paramref name="stepWork"/> under <see cref="OneThreadStepWork"/>),
    /// else libtorch's setting as it is (one per core unless the application set it).
    /// </summary>
    internal static ThreadsForFit UseThreads(int? threads, long stepWork)
    {
        EnsureLoaded();
        if (threads is <= 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "NumberOfThreads must be positive, or null to let the trainer choose.");
        int before = torch.get_num_threads();
        int wanted = threads ?? (stepWork < OneThreadStepWork ? 1 : before);
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
