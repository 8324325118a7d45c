namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// A one-line progress display for console programs: on a terminal each epoch rewrites the same
/// line, otherwise (output redirected to a file) each epoch gets a line of its own.
/// </summary>
public sealed class ConsoleProgress : IProgress<EpochReport>
{
    private readonly int _epochs;
    private readonly string _name;
    private readonly TextWriter _writer;
    private readonly bool _overwrite;

    /// <summary>A progress line for <paramref name="epochs"/> epochs, labelled <paramref name="name"/>.</summary>
    public ConsoleProgress(int epochs, string name = "training", TextWriter? writer = null)
    {
        _epochs = epochs;
        _name = name;
        _writer = writer ?? Console.Out;
        _overwrite = writer is null && !Console.IsOutputRedirected;
    }

    /// <inheritdoc />
    public void Report(EpochReport value)
    {
        string line = $"{_name} [{value.Epoch}/{_epochs}] {value}";
        if (_overwrite)
            _writer.Write("\r" + line.PadRight(100) + (value.Epoch >= _epochs ? Environment.NewLine : ""));
        else
            _writer.WriteLine(line);
    }
}
