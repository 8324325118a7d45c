namespace MLNet.DeepTrainers;

/// <summary>
/// Collects the feature rows of a data set as they are read, dense or sparse as the data turns out, since
/// no column type says which: ML.NET hands the rows of a bag of words (FeaturizeText, ProduceWordBags,
/// ProduceHashedWordBags) as sparse VBuffers of a few values among up to 2^20 slots, a few thousand of
/// which would take gigabytes dense. Rows are collected sparse (<see cref="SparseRows"/>: a slot and a
/// value, 8 bytes, per stored value) until the stored values pass half the slots read, where sparse
/// stops saving memory: the rows so far are then made dense and the rest read dense. A dense VBuffer
/// passes that mark at its first row, so dense data keeps the dense path. Sparse rows that take at most
/// <see cref="SmallDenseBytes"/> dense are made dense at the end, as a dense batch is one index_select
/// where a sparse batch takes a dozen operations (one-hot encoded categories are sparse and small).
/// </summary>
internal sealed class FeatureRowsBuilder(int width, string column, string user)
{
    /// <summary>Sparse rows up to this size dense are trained dense: small enough to go unnoticed on any device, large enough for most tabular data.</summary>
    private const long SmallDenseBytes = 64L << 20;

    private long[]? _starts = new long[1025];
    private int[] _slots = new int[1024];
    private float[] _values = new float[1024];
    private float[]? _dense;
    private int _rows;

    /// <summary>Adds the next row, of the width given at construction, dense or sparse.</summary>
    public void Add(in VBuffer<float> row)
    {
        if (_starts is not null && 2 * (_starts[_rows] + row.GetValues().Length) > (long)(_rows + 1) * width)
            MakeDense();
        if (_starts is null)
            AddDense(row);
        else
            AddSparse(row);
        _rows++;
    }

    /// <summary>The rows, dense (row after row) or sparse: exactly one of the two is given.</summary>
    public (float[]? Dense, SparseRows? Sparse) Build()
    {
        if (_starts is null)
        {
            Array.Resize(ref _dense, _rows * width);
            return (_dense, null);
        }
        long stored = _starts[_rows];
        var sparse = new SparseRows(width, _starts.AsSpan(0, _rows + 1).ToArray(), _slots.AsSpan(0, (int)stored).ToArray(), _values.AsSpan(0, (int)stored).ToArray());
        return (long)_rows * width * sizeof(float) <= SmallDenseBytes ? (sparse.ToDense(), null) : (null, sparse);
    }

    private void AddSparse(in VBuffer<float> row)
    {
        var values = row.GetValues();
        long start = _starts![_rows], end = start + values.Length;
        if (end > Array.MaxLength || _rows + 2 > Array.MaxLength)
            throw new InvalidOperationException($"{user}: by row {_rows}, the feature column '{column}' has {end:N0} stored values in {_rows + 1:N0} rows, more than the {Array.MaxLength:N0} one array holds. Train on a sample of the rows.");
        if (end > _values.Length)
        {
            int capacity = (int)Math.Min(Math.Max(2L * _values.Length, end), Array.MaxLength);
            Array.Resize(ref _values, capacity);
            Array.Resize(ref _slots, capacity);
        }
        if (_rows + 2 > _starts.Length)
            Array.Resize(ref _starts, (int)Math.Min(2L * _starts.Length, Array.MaxLength));
        values.CopyTo(_values.AsSpan((int)start));
        if (row.IsDense)
        {
            for (int i = 0; i < values.Length; i++)
                _slots[start + i] = i;
        }
        else
        {
            row.GetIndices().CopyTo(_slots.AsSpan((int)start));
        }
        _starts[_rows + 1] = end;
    }

    private void AddDense(in VBuffer<float> row)
    {
        long end = CheckDense(_rows + 1);
        // Doubling, from 1,024 rows (or 64 MiB, for wide rows), as few copies as a growing array can make.
        if (_dense is null || end > _dense.Length)
            Array.Resize(ref _dense, (int)Math.Min(Math.Max(Math.Max(2L * (_dense?.Length ?? 0), end), Math.Min(1024L * width, SmallDenseBytes / sizeof(float))), Array.MaxLength));
        row.CopyTo(_dense.AsSpan((int)(end - width), width));
    }

    /// <summary>Turns the sparse rows read so far dense, with room for the row being added; later rows are added dense.</summary>
    private void MakeDense()
    {
        CheckDense(_rows + 1);
        _dense = new SparseRows(width, _starts.AsSpan(0, _rows + 1).ToArray(), _slots, _values).ToDense();
        _starts = null;
        _slots = [];
        _values = [];
    }

    /// <summary>The values <paramref name="rows"/> dense rows take, checked to fit one array.</summary>
    private long CheckDense(int rows)
    {
        long values = (long)rows * width;
        if (values > Array.MaxLength)
            throw new InvalidOperationException($"{user}: the training data has more than {Array.MaxLength / width:N0} rows of {width:N0} features in the feature column '{column}', more than one array holds. Train on a sample, or on fewer features.");
        return values;
    }
}
