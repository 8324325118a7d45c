using System.Diagnostics;

namespace MLNet.DeepTrainers.Tests;

/// <summary>
/// Runs the outside yardsticks the tests compare against (Debian's python3 with PyTorch or ONNX, Node
/// with onnxruntime), from the repository's eng/ scripts, which eng/setup.sh installs.
/// </summary>
internal static class ExternalTool
{
    /// <summary>The repository root: the folder above the test binaries that holds the solution.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Script(string relativePath) => Path.Combine(RepositoryRoot, relativePath);

    /// <summary>Runs <paramref name="program"/> and returns its standard output; a non-zero exit fails the test with its error output.</summary>
    public static string Run(string program, params string[] arguments) => RunIn(null, null, program, arguments);

    /// <summary>As <see cref="Run"/>, in <paramref name="folder"/> (null: the current one) with <paramref name="environment"/> added.</summary>
    public static string RunIn(string? folder, IReadOnlyDictionary<string, string>? environment, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (folder is not null)
            start.WorkingDirectory = folder;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran over 3 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{error.Result}\n{output}");
        return output;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MLNet.DeepTrainers.sln")))
                return folder.FullName;
        }
        throw new DirectoryNotFoundException($"No MLNet.DeepTrainers.sln above {AppContext.BaseDirectory}: the tests run from the repository's build output.");
    }
}
