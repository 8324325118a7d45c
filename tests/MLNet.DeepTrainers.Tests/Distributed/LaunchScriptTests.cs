using System.Diagnostics;

namespace MLNet.DeepTrainers.Tests.Distributed;

/// <summary>
/// eng/launch.sh starts N local ranks with torchrun's variables and their output prefixed, and stops them all
/// when one fails, exiting with its code. The ranks are the Gloo worker's (see <see cref="Ranks"/>).
/// </summary>
[Collection(Alone.Name)]
public sealed class LaunchScriptTests
{
    private static (int ExitCode, string Output, string Error) Launch(int ranks, params string[] worker)
    {
        string script = Path.Combine(Runtime.FreshProjectTests.RepositoryRoot(), "eng", "launch.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { script, "--nproc", $"{ranks}", "--master-port", $"{Ranks.FreePort()}", "--", Ranks.DotNet, Ranks.Worker }.Concat(worker))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "eng/launch.sh did not finish in a minute");
        return (process.ExitCode, output, error.Result);
    }

    [Fact]
    public void Ranks_get_torchruns_variables_and_prefixed_output()
    {
        var (code, output, error) = Launch(3, "check", "20");
        Assert.True(code == 0, $"exit {code}:\n{output}\n{error}");
        foreach (int rank in new[] { 0, 1, 2 })
            Assert.Contains($"[rank {rank}] rank {rank} ok", output);
    }

    [Fact]
    public void A_failing_rank_stops_the_others_and_its_code_is_the_scripts()
    {
        // The last rank exits with 3 once every rank joined; the others would wait on it for the 20 s timeout.
        var clock = Stopwatch.StartNew();
        var (code, output, error) = Launch(2, "exit", "20");
        Assert.Equal(3, code);
        Assert.Contains("eng/launch.sh: rank 1 exited with 3; stopping the other ranks", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}:\n{output}");
    }
}
