namespace MLNet.DeepTrainers.Samples;

/// <summary>What every sample takes: where its data is, where its plots go, whether to run small, and where to print.</summary>
/// <param name="Data">A data file or folder instead of the sample's default.</param>
/// <param name="OutputFolder">Where plots and CSV files are written.</param>
/// <param name="Quick">Few epochs and rows: a check that the sample runs, for the tests.</param>
/// <param name="Output">Where the sample prints.</param>
public sealed record SampleOptions(string? Data, string OutputFolder, bool Quick, TextWriter Output)
{
    /// <summary>The data file <paramref name="name"/>: --data if given, else the copy beside the program; a clear error if it is missing.</summary>
    public string DataFile(string name)
    {
        string path = Data ?? Path.Combine(AppContext.BaseDirectory, "data", name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The data file '{path}' does not exist. The repository ships it as data/{name}; run from a build of the samples, or point --data at your copy.", path);
        return path;
    }

    /// <summary>A path in the output folder (created when needed), printed so the user can open it.</summary>
    public string OutputFile(string name)
    {
        Directory.CreateDirectory(OutputFolder);
        string path = Path.GetFullPath(Path.Combine(OutputFolder, name));
        Output.WriteLine($"  wrote {path}");
        return path;
    }
}
