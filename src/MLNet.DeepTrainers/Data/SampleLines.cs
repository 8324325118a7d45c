namespace MLNet.DeepTrainers.Data;

/// <summary>
/// What a text loader learns from its data sample (the first file): the header's field names and
/// the field count of the first data line.
/// </summary>
internal sealed class SampleLines
{
    private readonly string[]? _header;
    private readonly int? _fieldCount;
    private readonly string _where;

    private SampleLines(string[]? header, int? fieldCount, string where)
    {
        _header = header;
        _fieldCount = fieldCount;
        _where = where;
    }

    public static SampleLines Read(IMultiStreamSource? sample, TextFormat format)
    {
        if (sample is not { Count: > 0 })
            return new SampleLines(null, null, "");
        string where = sample.GetPathOrNull(0) ?? "the data sample";
        using var lines = new TextLineReader(sample.OpenTextReader(0), format.HasHeader);
        var splitter = new TextFieldSplitter(format);
        string? first = lines.Next();
        int? count = null;
        if (first is not null)
        {
            if (splitter.Split(first) is string error)
                throw new FormatException($"{where}, line {lines.LineNumber}: has {error}");
            count = splitter.Count;
        }
        return new SampleLines(lines.Header is string header ? HeaderNames(header, format) : null, count, where);
    }

    // A header is never sparse; a line that does not split (an open quote) names nothing.
    private static string[]? HeaderNames(string header, TextFormat format)
    {
        var splitter = new TextFieldSplitter(format with { AllowSparse = false });
        return splitter.Split(header) is null ? Enumerable.Range(0, splitter.Count).Select(splitter.Describe).ToArray() : null;
    }

    /// <summary>The fields of the sample's first data line from <paramref name="min"/> on: the width of a range to the end of the line.</summary>
    public int FieldsAfter(int min, string column)
    {
        if (_fieldCount is not int count)
            throw new InvalidOperationException($"Text loader column '{column}' reads from field {min} to the end of the line, so the loader needs a data sample to count the fields: pass dataSample (new MultiFileSource(path)), or give the range's last field.");
        if (count <= min)
            throw new FormatException($"{_where}: text loader column '{column}' reads from field {min} to the end of the line, but the first data line has only {count} fields.");
        return count;
    }

    /// <summary>The header's names of the fields of <paramref name="segments"/>, when the header names them all.</summary>
    public string[]? SlotNames(TextSegment[] segments)
    {
        if (_header is null)
            return null;
        var names = segments.SelectMany(s => Enumerable.Range(s.Min, s.Lim!.Value - s.Min)).Select(f => f < _header.Length ? _header[f] : "").ToArray();
        return names.All(n => n.Length > 0) ? names : null;
    }
}
