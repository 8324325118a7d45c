using System.Text;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// One row on its way to a line of text: the values that differ from their column's default, each
/// with its field number, and where each column ends. A line is written dense (every field) or, as
/// ML.NET's <c>SaveAsText</c> writes rows that are mostly defaults, dense up to the column boundary
/// where that is shortest and sparse after it: the number of fields left, then <c>index:value</c>
/// entries counted from there (what the text loader reads with sparse lines allowed).
/// </summary>
internal sealed class TextSaverLine(string[] defaults, char separator)
{
    // ML.NET's rule: an index:value entry costs about 2.5 dense fields, and a sparse part shorter than
    // 5 fields or than a fifth of the dense part is not worth it.
    private const double SparseEntryCost = 2.5;
    private const int ShortestSparsePart = 5;

    private readonly List<(int Field, string Text)> _values = [];
    private readonly int[] _columnEnd = new int[defaults.Length];
    private readonly int[] _valuesBefore = new int[defaults.Length];
    private int _column;
    private int _start;

    /// <summary>The number of fields of the line.</summary>
    public int FieldCount => _start;

    public void Clear()
    {
        _values.Clear();
        _column = 0;
        _start = 0;
    }

    /// <summary>The value of slot <paramref name="slot"/> of the current column (slots in increasing order).</summary>
    public void Add(int slot, string text)
    {
        if (text != defaults[_column])
            _values.Add((_start + slot, text));
    }

    /// <summary>Ends the current column, <paramref name="length"/> fields long.</summary>
    public void EndColumn(int length)
    {
        _valuesBefore[_column] = _values.Count;
        _start = checked(_start + length);
        _columnEnd[_column++] = _start;
    }

    /// <summary>Writes the line (without its line break) into <paramref name="line"/>, in the sparse form where ML.NET would use it.</summary>
    public void WriteTo(StringBuilder line, bool allowSparse)
    {
        int denseColumns = allowSparse ? SparseFrom() : defaults.Length;
        int denseEnd = denseColumns == 0 ? 0 : _columnEnd[denseColumns - 1];
        int value = 0, column = 0;
        for (int field = 0; field < denseEnd; field++)
        {
            while (field >= _columnEnd[column])
                column++;
            if (field > 0)
                line.Append(separator);
            line.Append(value < _values.Count && _values[value].Field == field ? _values[value++].Text : defaults[column]);
        }
        if (denseColumns == defaults.Length)
            return;
        if (denseEnd > 0)
            line.Append(separator);
        line.Append(_start - denseEnd);
        if (value == _values.Count)
            line.Append(separator).Append("0:").Append(defaults[denseColumns]); // a sparse part names at least one entry
        for (; value < _values.Count; value++)
            line.Append(separator).Append(_values[value].Field - denseEnd).Append(':').Append(_values[value].Text);
    }

    /// <summary>How many columns to write dense: all of them, or as few as make the line shortest.</summary>
    private int SparseFrom()
    {
        int best = 0;
        double bestCost = SparseEntryCost * _values.Count;
        for (int columns = 1; columns <= defaults.Length; columns++)
        {
            double cost = _columnEnd[columns - 1] + SparseEntryCost * (_values.Count - _valuesBefore[columns - 1]);
            if (cost < bestCost)
                (best, bestCost) = (columns, cost);
        }
        int dense = best == 0 ? 0 : _columnEnd[best - 1], sparse = _start - dense;
        return sparse < ShortestSparsePart || sparse < dense / 5 ? defaults.Length : best;
    }
}
