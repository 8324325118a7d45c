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
        GlibcHeap.KeepStepMemory();
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
    /// Sets libtorch's intra-op threads on the calling thread for one fit and gives back what it found when
    /// disposed: the number asked for, else one thread for a small step (libtorch's pool costs more than a
    /// second core gains on a step of microseconds), else the thread's setting as it is (one per core unless
    /// the application set it). Where <see cref="ThreadsPerThread"/> holds, other threads are untouched, so
    /// fits can run side by side; elsewhere the setting is libtorch's process-wide one.
    /// </summary>
    internal static ThreadsForFit UseThreads(int? threads, bool smallStep)
    {
        EnsureLoaded();
        // Also starts libtorch's thread-local setting on a new thread, which would otherwise be reset from
        // the process-wide default at the thread's first parallel operation, undoing what is set here.
        int before = torch.get_num_threads();
        int wanted = threads ?? (smallStep ? 1 : before);
        if (wanted != before)
            SetThreads(wanted);
        return new ThreadsForFit(before, wanted);
    }

    /// <summary>
    /// Whether a thread's libtorch thread count can be set for that thread alone: libtorch's CPU builds
    /// run their parallel loops on OpenMP and their matrix products on MKL, and both keep a per-thread
    /// count (<c>omp_set_num_threads</c>, <c>mkl_set_num_threads_local</c>). libtorch's own
    /// <c>at::set_num_threads</c> calls those two and also changes the default that every thread takes
    /// at its first parallel operation, so a fit on one thread would set the count of a thread that
    /// starts using libtorch meanwhile (for good). Found in libtorch_cpu and the OpenMP library it
    /// loads; where they are not (a build without OpenMP), this is false.
    /// </summary>
    internal static bool ThreadsPerThread => PerThread.Value is not null;

    private static readonly Lazy<PerThreadCounts?> PerThread = new(FindPerThreadCounts, LazyThreadSafetyMode.ExecutionAndPublication);

    private sealed unsafe class PerThreadCounts(IntPtr openMp, IntPtr mkl)
    {
        public void Set(int threads)
        {
            ((delegate* unmanaged<int, void>)openMp)(threads);
            ((delegate* unmanaged<int, int>)mkl)(threads);
        }
    }

    // MKL's C entry point is the mixed-case name; the lower-case ones are its Fortran entries, which take pointers.
    private static PerThreadCounts? FindPerThreadCounts() =>
        TryGetNativeExport("omp_set_num_threads", out IntPtr openMp) & TryGetNativeExport("MKL_Set_Num_Threads_Local", out IntPtr mkl)
            ? new PerThreadCounts(openMp, mkl)
            : null;

    /// <summary>
    /// An entry point of libtorch_cpu or of a library it loaded (OpenMP's, MKL's, which it links statically or
    /// loads): dlsym on a library's handle also searches the libraries it loaded. False where there is none.
    /// </summary>
    internal static bool TryGetNativeExport(string name, out IntPtr address)
    {
        EnsureLoaded();
        address = IntPtr.Zero;
        return System.Runtime.InteropServices.NativeLibrary.TryLoad("torch_cpu", typeof(torch).Assembly, null, out IntPtr library)
            && System.Runtime.InteropServices.NativeLibrary.TryGetExport(library, name, out address);
    }

    private static void SetThreads(int threads)
    {
        if (PerThread.Value is PerThreadCounts counts)
            counts.Set(threads);
        else
            torch.set_num_threads(threads);
    }

    /// <summary>Gives libtorch back the number of threads it had before a fit.</summary>
    internal readonly struct ThreadsForFit(int before, int during) : IDisposable
    {
        public void Dispose()
        {
            if (before != during)
                SetThreads(before);
        }
    }
}
