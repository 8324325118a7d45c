namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// A trainer's feature rows, <see cref="Width"/> floats each: held row-major and dense, or, when the
/// column hands its rows out sparsely (a bag of words), as their non-zeros only (compressed rows), so a
/// 10,000-word bag costs memory for the words a row has until a batch is written out dense.
/// </summary>
internal sealed class FeatureRows
{
    private readonly float[]? _dense;
    // Compressed rows: row r's non-zeros are _values[_starts[r].._starts[r + 1]] at slots _slots[...].
    private readonly float[]? _values;
    private readonly int[]? _slots;
    private readonly int[]? _starts;
    private float[]? _densified;

    private FeatureRows(int width, int rows, float[]? dense, float[]? values, int[]? slots, int[]? starts)
    {
        Width = width;
        Rows = rows;
        _dense = dense;
        _values = values;
        _slots = slots;
        _starts = starts;
    }

    public int Width { get; }

    public int Rows { get; }

    /// <summary>Whether only the non-zeros are held.</summary>
    public bool IsSparse => _dense is null;

    /// <summary>The number of floats held for the rows' values.</summary>
    public long StoredValues => _dense?.Length ?? _values!.Length;

    /// <summary>Writes row <paramref name="row"/> dense into the first <see cref="Width"/> places of <paramref name="destination"/>.</summary>
    public void CopyRow(int row, Span<float> destination)
    {
        if (_dense is not null)
        {
            _dense.AsSpan(row * Width, Width).CopyTo(destination);
            return;
        }
        destination[..Width].Clear();
        for (int i = _starts![row]; i < _starts[row + 1]; i++)
            destination[_slots![i]] = _values![i];
    }

    /// <summary>Every row dense, row-major (what the tree binner reads); made once and kept.</summary>
    public float[] ToDense()
    {
        if (_dense is not null)
            return _dense;
        if (_densified is null)
        {
            var dense = new float[(long)Rows * Width];
            for (int r = 0; r < Rows; r++)
                CopyRow(r, dense.AsSpan(r * Width, Width));
            _densified = dense;
        }
        return _densified;
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="rows"/>, in the same form.</summary>
    public FeatureRows Slice(int start, int rows)
    {
        if (_dense is not null)
            return new(Width, rows, _dense.AsSpan(start * Width, rows * Width).ToArray(), null, null, null);
        int first = _starts![start], last = _starts[start + rows];
        var starts = _starts.AsSpan(start, rows + 1).ToArray();
        for (int i = 0; i < starts.Length; i++)
            starts[i] -= first;
        return new(Width, rows, null, _values.AsSpan(first, last - first).ToArray(), _slots.AsSpan(first, last - first).ToArray(), starts);
    }

    /// <summary>
    /// Collects rows as they are read: dense, unless the first row comes sparse; either form takes
    /// either kind of row afterwards.
    /// </summary>
    public sealed class Builder(int width, int expectedRows)
    {
        private float[]? _dense;
        private float[] _values = [];
        private int[] _slots = [];
        private int[] _starts = [0];
        private int _count;
        private int _rows;

        /// <summary>Adds a row given as a vector of <c>width</c> items.</summary>
        public void Add(in VBuffer<float> row)
        {
            if (_rows == 0 && _dense is null && _count == 0 && row.IsDense)
                _dense = new float[(long)Math.Max(expectedRows, 1) * width];
            if (_dense is not null)
            {
                if ((long)(_rows + 1) * width > _dense.Length)
                    Array.Resize(ref _dense, checked(_dense.Length * 2));
                row.CopyTo(_dense.AsSpan(_rows * width, width));
            }
            else
            {
                var values = row.GetValues();
                var indices = row.GetIndices();
                for (int i = 0; i < values.Length; i++)
                {
                    if (values[i] == 0)
                        continue;
                    if (_count == _values.Length)
                    {
                        int grown = (int)Math.Min(Math.Max(16L, _values.Length * 2L), Array.MaxLength);
                        if (grown == _count)
                            throw new InvalidOperationException($"the feature rows have more than {Array.MaxLength} non-zero values; use fewer rows or slots.");
                        Array.Resize(ref _values, grown);
                        Array.Resize(ref _slots, grown);
                    }
                    _values[_count] = values[i];
                    _slots[_count++] = row.IsDense ? i : indices[i];
                }
                if (_rows + 2 > _starts.Length)
                    Array.Resize(ref _starts, Math.Max(_starts.Length * 2, expectedRows + 1));
                _starts[_rows + 1] = _count;
            }
            _rows++;
        }

        public FeatureRows Build() => _dense is not null
            ? new(width, _rows, _dense.Length == (long)_rows * width ? _dense : _dense.AsSpan(0, _rows * width).ToArray(), null, null, null)
            : new(width, _rows, null, _values[.._count], _slots[.._count], _starts[..(_rows + 1)]);
    }
}
