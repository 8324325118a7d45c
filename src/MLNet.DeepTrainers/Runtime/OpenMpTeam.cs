using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers;

/// <summary>
/// Runs the parts of a loop of the library's own (<see cref="OneChannelConvolutionPooling"/>) on libtorch's
/// OpenMP threads, as libtorch's own loops run, through OpenMP's entry point for a parallel region
/// (<c>GOMP_parallel</c>, in the OpenMP library libtorch_cpu loads). On .NET's thread pool instead, the
/// parts did not run side by side: libtorch's OpenMP thread, just done with the previous operation, spins
/// on the second core waiting for the next one, so the pool's thread got no core and the calling thread
/// ran both parts (a profile of the convnet: the pool's threads had 1.6% of the samples). Where libtorch's
/// OpenMP is not found, the parts run on .NET's thread pool.
/// </summary>
internal static unsafe class OpenMpTeam
{
    private static readonly Lazy<Entries?> Found = new(Find, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Runs <paramref name="work"/>(part) for each part in [0, <paramref name="parts"/>), side by side on as many threads as
    /// libtorch uses on the calling thread, and returns when all are done; rethrows what a part threw, as Parallel.For does.
    /// </summary>
    public static void Run(int parts, Action<int> work)
    {
        if (parts == 1)
        {
            work(0);
            return;
        }
        if (Found.Value is not Entries openMp)
        {
            Parallel.For(0, parts, work);
            return;
        }
        var region = new Region(work, parts, openMp);
        var handle = GCHandle.Alloc(region);
        try
        {
            // 0 threads: OpenMP's count for this thread, which is libtorch's (TorchRuntime.UseThreads sets both).
            openMp.Parallel(&RunParts, GCHandle.ToIntPtr(handle), 0, 0);
        }
        finally
        {
            handle.Free();
        }
        if (region.Failure is Exception failure)
            throw new AggregateException(failure);
    }

    /// <summary>
    /// Each thread of the team: its own parts (its number, then every team size further). An exception must not
    /// leave a function OpenMP called, so it is kept for <see cref="Run"/>.
    /// </summary>
    [UnmanagedCallersOnly]
    private static void RunParts(IntPtr data)
    {
        var region = (Region)GCHandle.FromIntPtr(data).Target!;
        try
        {
            for (int part = region.OpenMp.ThreadNumber(); part < region.Parts; part += region.OpenMp.TeamSize())
                region.Work(part);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref region.Failure, e, null);
        }
    }

    private static Entries? Find() =>
        TorchRuntime.TryGetNativeExport("GOMP_parallel", out IntPtr parallel)
            & TorchRuntime.TryGetNativeExport("omp_get_thread_num", out IntPtr threadNumber)
            & TorchRuntime.TryGetNativeExport("omp_get_num_threads", out IntPtr teamSize)
            ? new Entries(parallel, threadNumber, teamSize)
            : null;

    /// <summary>libgomp's <c>GOMP_parallel(fn, data, num_threads, flags)</c> and OpenMP's thread number and team size.</summary>
    private sealed class Entries(IntPtr parallel, IntPtr threadNumber, IntPtr teamSize)
    {
        public void Parallel(delegate* unmanaged<IntPtr, void> function, IntPtr data, uint threads, uint flags) =>
            ((delegate* unmanaged<delegate* unmanaged<IntPtr, void>, IntPtr, uint, uint, void>)parallel)(function, data, threads, flags);

        public int ThreadNumber() => ((delegate* unmanaged<int>)threadNumber)();

        public int TeamSize() => ((delegate* unmanaged<int>)teamSize)();
    }

    private sealed class Region(Action<int> work, int parts, Entries openMp)
    {
        public Action<int> Work { get; } = work;

        public int Parts { get; } = parts;

        public Entries OpenMp { get; } = openMp;

        public Exception? Failure;
    }
}
