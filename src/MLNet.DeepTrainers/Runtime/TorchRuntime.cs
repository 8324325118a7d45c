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
            bool loaded = torch.TryInitializeDeviceType(DeviceType.CPU);
            RepeatableMatrixProducts();
            return loaded;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException("TorchSharp's native library could not be loaded. The application must reference a TorchSharp native package: " +
                "TorchSharp-cpu 0.107.0 (dotnet add package TorchSharp-cpu --version 0.107.0), or a CUDA one on GPU machines. " + e.Message, e);
        }
    }

    /// <summary>
    /// Makes MKL's matrix products repeatable: by default MKL may take another code path for the same product
    /// from one call to the next (it depends on the buffers' alignment and the threads it finds), and the same
    /// model then scored the same rows differently in the last bit (measured: 95 of Boston's 506 rows, while
    /// other fits ran, so that ML.NET's CrossValidate of one pipeline twice differed in the eighth digit). MKL's
    /// conditional numerical reproducibility in its AUTO mode (what <c>MKL_CBWR=AUTO</c> asks for) keeps the best
    /// code path the CPU has and always takes it; the MLP 784-512-512-10's forward and backward pass ran alike
    /// either way (3.3-4.2 ms against 3.3-3.6, two threads). It must be chosen before MKL's first product, so it
    /// is set here, and is left as it is where an application's own TorchSharp code came first (MKL then refuses
    /// the change) or libtorch has no MKL. libtorch exports the setter under MKL's service name.
    /// </summary>
    private static void RepeatableMatrixProducts()
    {
        const int Auto = 2; // MKL_CBWR_AUTO in mkl_service.h
        if (TorchCpuExport("mkl_serv_cbwr_set") is IntPtr set)
        {
            unsafe
            {
                _ = ((delegate* unmanaged<int, int>)set)(Auto);
            }
        }
    }

    /// <summary>The address of a function libtorch's CPU library (or a library it loaded, such as OpenMP's) exports; null if none.</summary>
    private static IntPtr? TorchCpuExport(string name) =>
        System.Runtime.InteropServices.NativeLibrary.TryLoad("torch_cpu", typeof(torch).Assembly, null, out IntPtr library)
        && System.Runtime.InteropServices.NativeLibrary.TryGetExport(library, name, out IntPtr address) ? address : null;

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

    private static PerThreadCounts? FindPerThreadCounts()
    {
        EnsureLoaded();
        // dlsym on a library's handle also searches the libraries it loaded, which is where OpenMP's is.
        // MKL's C entry point is the mixed-case name; the lower-case ones are its Fortran entries, which take pointers.
        return TorchCpuExport("omp_set_num_threads") is IntPtr openMp && TorchCpuExport("MKL_Set_Num_Threads_Local") is IntPtr mkl
            ? new PerThreadCounts(openMp, mkl)
            : null;
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
