using System.Collections.Concurrent;

namespace MLNet.DeepTrainers.Tests.Runtime;

/// <summary>The library's own loops on libtorch's OpenMP threads: every part once, on as many threads as libtorch uses on the calling thread, and a part's exception rethrown.</summary>
public sealed class OpenMpTeamTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(2, 7)]
    [InlineData(3, 2)]
    public void Every_part_runs_once_on_libtorchs_threads(int threads, int parts)
    {
        TorchRuntime.EnsureLoaded();
        using var count = TorchRuntime.UseThreads(threads, smallStep: false);
        var runs = new int[parts];
        var workers = new ConcurrentDictionary<int, bool>();
        using var allStarted = new CountdownEvent(Math.Min(threads, parts));
        OpenMpTeam.Run(parts, part =>
        {
            Interlocked.Increment(ref runs[part]);
            // The first part of each thread waits for the others to start: they run side by side, not one after another.
            if (workers.TryAdd(Environment.CurrentManagedThreadId, true))
            {
                allStarted.Signal();
                Assert.True(allStarted.Wait(TimeSpan.FromSeconds(30)), "the team's threads did not run side by side");
            }
        });
        Assert.All(runs, r => Assert.Equal(1, r));
        Assert.Equal(Math.Min(threads, parts), workers.Count);
    }

    [Fact]
    public void A_parts_exception_comes_back_to_the_caller()
    {
        TorchRuntime.EnsureLoaded();
        using var count = TorchRuntime.UseThreads(2, smallStep: false);
        var thrown = Assert.Throws<AggregateException>(() => OpenMpTeam.Run(2, part =>
        {
            if (part == 1)
                throw new InvalidOperationException("part 1 failed");
        }));
        Assert.Equal("part 1 failed", Assert.IsType<InvalidOperationException>(thrown.InnerException).Message);
    }
}
