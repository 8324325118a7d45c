using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MLNet.DeepTrainers.Distributed;

namespace MLNet.DeepTrainers.Tests.Distributed;

/// <summary>
/// Gloo's collectives across real processes over loopback: every rank is the worker program
/// (tests/MLNet.DeepTrainers.GlooWorker) with torchrun's variables set, on a port free at the time.
/// In the Alone collection: the failure tests' timeouts of a few seconds assume the ranks start together.
/// </summary>
[Collection(Alone.Name)]
public sealed partial class GlooGroupTests
{
    private const double FailureTimeout = 5;
    private static string Worker => Path.Combine(AppContext.BaseDirectory, "MLNet.DeepTrainers.GlooWorker.dll");
    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void SumsBroadcastsAndBarrierGiveEveryRankTheExpectedValues(int ranks)
    {
        var results = Launch(ranks, Enumerable.Range(0, ranks), "check", 60);

        for (int r = 0; r < ranks; r++)
            Assert.True(results[r].ExitCode == 0 && results[r].Output.Contains($"rank {r} ok"), $"rank {r}: {results[r].Output}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ARankThatExitsFailsTheOthersWithinTheTimeoutNamingIt(int ranks)
    {
        var results = Launch(ranks, Enumerable.Range(0, ranks), "exit", FailureTimeout);

        Assert.Equal(3, results[ranks - 1].ExitCode);
        for (int r = 0; r < ranks - 1; r++)
            AssertFailedInTime(results[r], r, $"rank {ranks - 1} exited");
    }

    [Fact]
    public void AFrozenRankFailsTheOthersWithinTheTimeoutNamingIt()
    {
        var results = Launch(3, Enumerable.Range(0, 3), "freeze", FailureTimeout, frozen: 2);

        for (int r = 0; r < 2; r++)
            AssertFailedInTime(results[r], r, "rank 2 is frozen or unreachable");
    }

    [Fact]
    public void ARankThatNeverJoinsIsNamedByTheOthers()
    {
        var results = Launch(3, [0, 1], "check", FailureTimeout);

        for (int r = 0; r < 2; r++)
        {
            Assert.Equal(2, results[r].ExitCode);
            Assert.Contains("rank 2 never joined", results[r].Output);
        }
    }

    [Fact]
    public void AGroupOfOneKeepsItsValues()
    {
        using var group = GlooGroup.Create("127.0.0.1", FreePort(), 1, 0, TimeSpan.FromSeconds(10));
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
        var error = Assert.Throws<ArgumentException>(() => GlooGroup.Create("127.0.0.1", FreePort(), 2, 2, TimeSpan.FromSeconds(1)));

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

    /// <summary>Starts the given ranks of a world of <paramref name="ranks"/> and waits for them; a frozen rank is killed once the others ended.</summary>
    private static List<(int ExitCode, string Output)> Launch(int ranks, IEnumerable<int> started, string mode, double timeoutSeconds, int frozen = -1)
    {
        int port = FreePort();
        var processes = started.Select(rank =>
        {
            var start = new ProcessStartInfo(DotNet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { Worker, mode, timeoutSeconds.ToString(CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(argument);
            start.Environment["MASTER_ADDR"] = "127.0.0.1";
            start.Environment["MASTER_PORT"] = $"{port}";
            start.Environment["WORLD_SIZE"] = $"{ranks}";
            start.Environment["RANK"] = $"{rank}";
            start.Environment["LOCAL_RANK"] = $"{rank}";
            var process = Process.Start(start)!;
            return (Rank: rank, Process: process, Output: process.StandardOutput.ReadToEndAsync(), Error: process.StandardError.ReadToEndAsync());
        }).ToList();
        try
        {
            var results = new List<(int, string)>();
            foreach (var (rank, process, output, error) in processes.Where(p => p.Rank != frozen))
            {
                Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), $"rank {rank} did not finish in 2 minutes");
                process.WaitForExit();
                results.Add((process.ExitCode, output.Result + error.Result));
            }
            return results;
        }
        finally
        {
            foreach (var (_, process, _, _) in processes)
            {
                if (!process.HasExited)
                    process.Kill();
                process.Dispose();
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"failed after ([0-9.]+) s")]
    private static partial Regex FailedAfter();
}
