namespace MLNet.DeepTrainers.Evaluation;

/// <summary>Reads the columns an evaluator needs in one pass, checking each one's type first.</summary>
internal sealed class ColumnValues
{
    private readonly IDataView _data;
    private readonly string _user;
    private readonly List<DataViewSchema.Column> _requests = [];
    private Array[]? _values;

    public ColumnValues(IDataView data, string user)
    {
        _data = data;
        _user = user;
    }

    /// <summary>Asks for column <paramref name="name"/>, which must satisfy <paramref name="accepts"/>; returns its slot in <see cref="Read"/>'s result.</summary>
    public int Request(string name, Func<DataViewType, bool> accepts, string needs)
    {
        var column = _data.Schema.GetColumnOrNull(name) ?? throw _data.Schema.MissingColumn(name, _user);
        if (!accepts(column.Type))
            throw new ArgumentOutOfRangeException(nameof(name), $"{_user}: column '{name}' is {column.Type}; it needs {needs}.");
        _requests.Add(column);
        return _requests.Count - 1;
    }

    public DataViewSchema.Column Column(int slot) => _requests[slot];

    /// <summary>Every requested column's values, in request order; errors if there are no rows.</summary>
    public Array[] Read()
    {
        if (_values is not null)
            return _values;
        using var cursor = _data.GetRowCursor(_requests);
        var buffers = _requests.Select(c => ColumnBuffer.For(cursor, c)).ToArray();
        int rows = 0;
        while (cursor.MoveNext())
        {
            foreach (var buffer in buffers)
                buffer.Append();
            rows++;
        }
        if (rows == 0)
            throw new InvalidOperationException($"{_user}: the data has no rows to evaluate.");
        return _values = buffers.Select(b => b.ToArray()).ToArray();
    }
}
