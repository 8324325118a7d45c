namespace MLNet.DeepTrainers.Data;

/// <summary>A view over an in-memory sequence of user objects, read lazily each time a cursor opens.</summary>
internal sealed class EnumerableDataView<TRow> : IDataView where TRow : class
{
    private readonly IEnumerable<TRow> _rows;
    private readonly RowTypeMap<TRow> _map = RowTypeMap<TRow>.Instance;

    public EnumerableDataView(IEnumerable<TRow> rows)
    {
        _rows = rows;
        Schema = _map.Schema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows is ICollection<TRow> c ? c.Count : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    private sealed class Cursor(EnumerableDataView<TRow> view) : DataViewRowCursor
    {
        private readonly IEnumerator<TRow> _rows = view._rows.GetEnumerator();
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override bool MoveNext()
        {
            if (!_rows.MoveNext())
                return false;
            if (_rows.Current is null)
                throw new InvalidOperationException($"Row {_position + 1} of the {typeof(TRow).Name} sequence is null.");
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            CheckGetterType<TValue>(column);
            var member = view._map.Members[column.Index];
            var read = member.Reader<TValue>();
            if (column.Type is VectorDataViewType vector)
                return (ValueGetter<TValue>)(object)VectorGetter((Func<TRow, float[]>)(object)read, vector.Size, member.Name);
            return (ref TValue value) => value = read(_rows.Current);
        }

        private ValueGetter<float[]> VectorGetter(Func<TRow, float[]> read, int size, string name) => (ref float[] value) =>
        {
            var source = read(_rows.Current);
            if (source is null || source.Length != size)
                throw new InvalidOperationException($"Row {_position}: member '{name}' of {typeof(TRow).Name} has {(source is null ? "no array" : $"{source.Length} values")}; its [VectorType] says {size}.");
            if (value is null || value.Length != size)
                value = new float[size];
            source.AsSpan().CopyTo(value);
        };

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _rows.Dispose();
        }
    }
}
