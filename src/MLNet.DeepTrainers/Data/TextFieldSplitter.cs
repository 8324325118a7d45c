using System.Globalization;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Splits one line of a delimited file into fields, reusing its buffers from line to line. With
/// sparse lines allowed, a line may end in ML.NET's sparse form: its dense fields, the length of the
/// sparse part (unless the format gives every line's size), then <c>index:value</c> entries whose
/// indices count from the start of the sparse part; a field no entry lists holds the default value.
/// </summary>
internal sealed class TextFieldSplitter(TextFormat format)
{
    private readonly List<string> _quoted = [];
    private readonly List<(int Start, int Length, int Quoted)> _fields = [];
    private readonly List<(int Index, int Field, int ValueStart)> _sparse = [];
    private string _line = "";
    private int _denseCount;

    /// <summary>The number of fields of the line, those a sparse line leaves out included.</summary>
    public int Count { get; private set; }

    /// <summary>The text of field <paramref name="index"/>; false when a sparse line leaves it out (its value is the default).</summary>
    public bool TryGet(int index, out ReadOnlySpan<char> text)
    {
        if (index < _denseCount)
        {
            text = Physical(index, 0);
            return true;
        }
        int found = FirstEntryFrom(index);
        if (found < _sparse.Count && _sparse[found].Index == index)
        {
            text = Physical(_sparse[found].Field, _sparse[found].ValueStart);
            return true;
        }
        text = default;
        return false;
    }

    /// <summary>
    /// The fields from <paramref name="min"/> up to <paramref name="lim"/> that the line does not leave
    /// out, in order: every field of a dense line; of a sparse line, its dense fields and listed entries.
    /// Fields past the line's end are not left out (they read as missing).
    /// </summary>
    public IEnumerable<int> FieldsGiven(int min, int lim)
    {
        for (int field = min; field < Math.Min(lim, _denseCount); field++)
            yield return field;
        int entry = FirstEntryFrom(Math.Max(min, _denseCount));
        for (; entry < _sparse.Count && _sparse[entry].Index < lim; entry++)
            yield return _sparse[entry].Index;
        for (int field = Math.Max(min, Count); field < lim; field++)
            yield return field;
    }

    /// <summary>The position in the sparse entries of the first whose field is at least <paramref name="field"/>.</summary>
    private int FirstEntryFrom(int field)
    {
        int lo = 0, hi = _sparse.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sparse[mid].Index < field)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>The text of field <paramref name="index"/> as written, for messages.</summary>
    public string Describe(int index) => TryGet(index, out var text) ? text.ToString() : "(left out of a sparse line: the default)";

    private ReadOnlySpan<char> Physical(int field, int skip)
    {
        var (start, length, quoted) = _fields[field];
        var text = (quoted >= 0 ? _quoted[quoted].AsSpan() : _line.AsSpan(start, length))[skip..];
        return format.TrimWhitespace ? text.Trim() : text;
    }

    /// <summary>Splits <paramref name="line"/>; returns what is wrong with a malformed line, else null.</summary>
    public string? Split(string line)
    {
        _line = line;
        _fields.Clear();
        _quoted.Clear();
        _sparse.Clear();
        int i = 0;
        while (true)
        {
            if (format.AllowQuoting && i < line.Length && line[i] == '"')
            {
                var (value, next, error) = ReadQuoted(line, i);
                if (error is not null)
                    return error;
                _quoted.Add(value);
                _fields.Add((0, 0, _quoted.Count - 1));
                if (next < line.Length && Array.IndexOf(format.Separators, line[next]) < 0)
                    return $"text after the closing quote of field {_fields.Count - 1}";
                i = next;
            }
            else
            {
                int end = line.AsSpan(i).IndexOfAny(format.Separators);
                end = end < 0 ? line.Length : i + end;
                _fields.Add((i, end - i, -1));
                i = end;
            }
            if (i >= line.Length)
                break;
            i++; // the separator
        }
        _denseCount = Count = _fields.Count;
        return format.AllowSparse ? SplitSparse() : null;
    }

    private string? SplitSparse()
    {
        int first = -1;
        for (int f = 0; f < _fields.Count && first < 0; f++)
        {
            if (SparseIndex(f, out _, out _))
                first = f;
        }
        if (first < 0)
            return null;
        long length;
        if (format.InputSize is int size)
        {
            _denseCount = first;
            length = size - first;
            if (length < 0)
                return $"{first} dense fields, more than the InputSize of {size}";
        }
        else
        {
            if (first == 0 || !long.TryParse(Physical(first - 1, 0), NumberStyles.None, CultureInfo.InvariantCulture, out length))
                return $"a sparse entry ('{Physical(first, 0)}') without the length of the sparse part before it; give it, or set InputSize";
            _denseCount = first - 1;
        }
        if (_denseCount + length > TextFormat.MaximumFields)
            return $"{_denseCount + length} fields, more than the {TextFormat.MaximumFields} a line may have";
        Count = (int)(_denseCount + length);
        for (int f = first; f < _fields.Count; f++)
        {
            if (!SparseIndex(f, out int index, out int valueStart))
                return $"field {f} ('{Physical(f, 0)}') among the sparse entries, which must all be index:value";
            if (index >= length)
                return $"the sparse index {index}, beyond the sparse part's length {length}";
            if (_sparse.Count > 0 && index <= _sparse[^1].Index - _denseCount)
                return $"the sparse index {index} after {_sparse[^1].Index - _denseCount}; indices must increase";
            _sparse.Add((_denseCount + index, f, valueStart));
        }
        return null;
    }

    /// <summary>Whether field <paramref name="field"/> is a sparse entry: up to 9 digits, then a colon.</summary>
    private bool SparseIndex(int field, out int index, out int valueStart)
    {
        var text = Physical(field, 0);
        int colon = text.IndexOf(':');
        index = 0;
        valueStart = 0;
        if (_fields[field].Quoted >= 0 || colon is <= 0 or > 9)
            return false;
        foreach (char c in text[..colon])
        {
            if (c is < '0' or > '9')
                return false;
            index = index * 10 + (c - '0');
        }
        // The value starts after the colon, counted in the field as stored (before any trimming).
        var raw = _line.AsSpan(_fields[field].Start, _fields[field].Length);
        valueStart = raw.IndexOf(':') + 1;
        return true;
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
