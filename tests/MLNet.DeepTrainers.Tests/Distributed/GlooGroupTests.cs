using System.Globalization;
using System.Text.RegularExpressions;
using MLNet.DeepTrainers.Distributed;

namespace MLNet.DeepTrainers.Tests.Distributed;

/// <summary>
/// Gloo's collectives across real processes over loopback (<see cref="Ranks"/>).
/// In the Alone collection: the failure tests' timeouts of a few seconds assume the ranks start together.
/// </summary>
[Collection(Alone.Name)]
public sealed partial class GlooGroupTests
{
    private const double FailureTimeout = 5;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void SumsBroadcastsAndBarrierGiveEveryRankTheExpectedValues(int ranks)
    {
        var results = Ranks.Launch(ranks, Enumerable.Range(0, ranks), ["check", "60"]);

        for (int r = 0; r < ranks; r++)
            Assert.True(results[r].ExitCode == 0 && results[r].Output.Contains($"rank {r} ok"), $"rank {r}: {results[r].Output}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ARankThatExitsFailsTheOthersWithinTheTimeoutNamingIt(int ranks)
    {
        var results = Ranks.Launch(ranks, Enumerable.Range(0, ranks), ["exit", Seconds(FailureTimeout)]);

        Assert.Equal(3, results[ranks - 1].ExitCode);
        for (int r = 0; r < ranks - 1; r++)
            AssertFailedInTime(results[r], r, $"rank {ranks - 1} exited");
    }

    [Fact]
    public void AFrozenRankFailsTheOthersWithinTheTimeoutNamingIt()
    {
        var results = Ranks.Launch(3, Enumerable.Range(0, 3), ["freeze", Seconds(FailureTimeout)], frozen: 2);

        for (int r = 0; r < 2; r++)
            AssertFailedInTime(results[r], r, "rank 2 is frozen or unreachable");
    }

    [Fact]
    public void ARankThatNeverJoinsIsNamedByTheOthers()
    {
        var results = Ranks.Launch(3, [0, 1], ["check", Seconds(FailureTimeout)]);

        for (int r = 0; r < 2; r++)
        {
            Assert.Equal(2, results[r].ExitCode);
            Assert.Contains("rank 2 never joined", results[r].Output);
        }
    }

    [Fact]
    public void AGroupOfOneKeepsItsValues()
    {
        using var group = GlooGroup.Create("127.0.0.1", Ranks.FreePort(), 1, 0, TimeSpan.FromSeconds(10));
        float[] values = [1.5f, -2f, 3f];

        group.AllReduceSum(values);
        group.Broadcast(values, 0);
        group.Barrier();

        Assert.Equal([1.5f, -2f, 3f], values);
        Assert.Throws<ArgumentException>(() => group.Broadcast(values, 1));
    }

    [Fact]
    public void ARankOutsideTheWorldIsRefusedBeforeAnyConnection()
    {
        var error = Assert.Throws<ArgumentException>(() => GlooGroup.Create("127.0.0.1", Ranks.FreePort(), 2, 2, TimeSpan.FromSeconds(1)));

        Assert.Contains("the rank 2 is not from 0 to 1", error.Message);
    }

    /// <summary>The failed sum's output names the rank at fault, and came within the timeout (plus the moment taken to ask rank 0 which rank it was).</summary>
    private static void AssertFailedInTime((int ExitCode, string Output) result, int rank, string cause)
    {
        Assert.True(result.ExitCode == 2, $"rank {rank}: {result.Output}");
        Assert.True(result.Output.Contains(cause, StringComparison.Ordinal), $"rank {rank}, expecting \"{cause}\": {result.Output}");
        var after = FailedAfter().Match(result.Output);
        Assert.True(after.Success, result.Output);
        Assert.InRange(double.Parse(after.Groups[1].Value, CultureInfo.InvariantCulture), 0, FailureTimeout + 2.5);
    }

    private static string Seconds(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"failed after ([0-9.]+) s")]
    private static partial Regex FailedAfter();
}
