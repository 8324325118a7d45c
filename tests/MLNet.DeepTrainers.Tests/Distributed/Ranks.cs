using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MLNet.DeepTrainers.Tests.Distributed;

/// <summary>
/// Ranks as real processes over loopback: every rank is the worker program (tests/MLNet.DeepTrainers.GlooWorker)
/// with torchrun's variables set, on a port free at the time.
/// </summary>
internal static class Ranks
{
    public static string Worker => Path.Combine(AppContext.BaseDirectory, "MLNet.DeepTrainers.GlooWorker.dll");
    public static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Starts the given ranks of a world of <paramref name="ranks"/>, each the worker with <paramref name="arguments"/>, and waits for them; a frozen rank is killed once the others ended.</summary>
    public static List<(int ExitCode, string Output)> Launch(int ranks, IEnumerable<int> started, IEnumerable<string> arguments, int frozen = -1)
    {
        int port = FreePort();
        var processes = started.Select(rank =>
        {
            var start = new ProcessStartInfo(DotNet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments.Prepend(Worker))
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

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
