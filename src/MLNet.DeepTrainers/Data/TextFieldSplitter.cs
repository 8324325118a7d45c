namespace MLNet.DeepTrainers.Data;

/// <summary>Splits one line of a delimited file into fields, reusing its buffers from line to line.</summary>
internal sealed class TextFieldSplitter(TextLoaderOptions options)
{
    private readonly List<string> _quoted = [];
    private readonly List<(int Start, int Length, int Quoted)> _fields = [];
    private string _line = "";

    public int Count => _fields.Count;

    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var (start, length, quoted) = _fields[index];
            var text = quoted >= 0 ? _quoted[quoted].AsSpan() : _line.AsSpan(start, length);
            return options.TrimWhitespace ? text.Trim() : text;
        }
    }

    /// <summary>Splits <paramref name="line"/>; returns an error text for a malformed line, else null.</summary>
    public string? Split(string line)
    {
        _line = line;
        _fields.Clear();
        _quoted.Clear();
        int i = 0;
        while (true)
        {
            if (options.AllowQuoting && i < line.Length && line[i] == '"')
            {
                var (value, next, error) = ReadQuoted(line, i);
                if (error is not null)
                    return error;
                _quoted.Add(value);
                _fields.Add((0, 0, _quoted.Count - 1));
                if (next < line.Length && line[next] != options.Separator)
                    return $"text after the closing quote of field {_fields.Count - 1}";
                i = next;
            }
            else
            {
                int end = line.IndexOf(options.Separator, i);
                if (end < 0)
                    end = line.Length;
                _fields.Add((i, end - i, -1));
                i = end;
            }
            if (i >= line.Length)
                return null;
            i++; // the separator
        }
    }

    private static (string Value, int Next, string? Error) ReadQuoted(string line, int start)
    {
        var value = new System.Text.StringBuilder();
        int i = start + 1;
        while (i < line.Length)
        {
            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    value.Append('"');
                    i += 2;
                    continue;
                }
                return (value.ToString(), i + 1, null);
            }
            value.Append(line[i++]);
        }
        return ("", i, "a quoted field that does not end on this line");
    }
}
