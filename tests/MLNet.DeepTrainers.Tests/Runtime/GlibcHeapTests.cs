using System.Runtime.InteropServices;
using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Runtime;

/// <summary>
/// Once libtorch is loaded, glibc's heap settings are the library's, and memory a step frees stays with the
/// process: a "step" that holds twelve 8 MB tensors at once and frees them faults few of its pages in again on
/// its next runs, by the kernel's own count of this thread's minor faults. What glibc's defaults do instead
/// depends on the heap's history (its thresholds move with what was freed before), so this test process,
/// after other tests, cannot show it; in a fresh process the same steps on a second thread faulted 1,024
/// pages in again each, and the benchmark's convnet 1,900 a step (README, "Randomness, devices, threads").
/// </summary>
[Collection(Alone.Name)]
public sealed class GlibcHeapTests
{
    [Fact]
    public void Memory_a_step_frees_is_used_again_without_faulting_its_pages_in()
    {
        TorchRuntime.EnsureLoaded();
        // One libtorch thread, so that this thread touches every page (the count is this thread's).
        using var threads = TorchRuntime.UseThreads(1, smallStep: false);
        static void Step()
        {
            using var scope = torch.NewDisposeScope();
            for (int i = 0; i < 12; i++)
                torch.empty(2 << 20).fill_(1);
        }
        // The first steps grow the heap to what a step needs.
        for (int step = 0; step < 5; step++)
            Step();
        long before = MinorFaults();
        for (int step = 0; step < 10; step++)
            Step();
        long faults = MinorFaults() - before;
        // Alone, as other tests' threads share the heap (beside them one run faulted 2,048 pages); without reuse, each step faults its 24,576.
        Assert.True(faults < 6_144, $"ten steps of twelve 8 MB tensors faulted {faults} pages in (each step's own are 24,576)");
        Assert.True(GlibcHeap.KeepStepMemory(), "glibc's heap settings were not applied");
    }

    /// <summary>This thread's minor page faults so far (getrusage's ru_minflt, the fifth long after two timevals).</summary>
    private static long MinorFaults()
    {
        var usage = new long[18];
        Assert.Equal(0, getrusage(RusageThread, usage));
        return usage[4 + 4];
    }

    private const int RusageThread = 1;

    [DllImport("libc", ExactSpelling = true)]
    private static extern int getrusage(int who, long[] usage);
}
