namespace MLNet.DeepTrainers.Tests;

/// <summary>Paths to the data sets copied beside the tests, and scratch files that clean up after themselves.</summary>
internal static class TestFiles
{
    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    /// <summary>A file with <paramref name="lines"/> in a fresh temporary folder.</summary>
    public static string Write(params string[] lines)
    {
        string path = Path.Combine(ScratchFolder(), "data.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    public static string ScratchFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mldt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
