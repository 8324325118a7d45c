namespace MLNet.DeepTrainers.Data;

/// <summary>
/// The lines of one text source as ML.NET's TextLoader sees them: empty lines and lines starting with
/// <c>//</c> are skipped anywhere, lines starting with <c>#</c> before the first other line (schema
/// comments), and with a header the first other line is the header, not data.
/// </summary>
internal sealed class TextLineReader(TextReader reader, bool hasHeader) : IDisposable
{
    private bool _started;

    /// <summary>The 1-based number of the line last read.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The header line, once the first data line has been asked for (null without one).</summary>
    public string? Header { get; private set; }

    /// <summary>The next data line, or null at the end.</summary>
    public string? Next()
    {
        while (reader.ReadLine() is string line)
        {
            LineNumber++;
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
                continue;
            if (!_started)
            {
                if (line[0] == '#')
                    continue;
                _started = true;
                if (hasHeader)
                {
                    Header = line;
                    continue;
                }
            }
            return line;
        }
        return null;
    }

    public void Dispose() => reader.Dispose();
}
