namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Rows held in memory, one array per column, optionally visited in a fixed order. Backs
/// <c>Cache</c> and <c>ShuffleRows</c>; reading it costs no parsing and no transforms. Vectors (other
/// than text) are held as <see cref="VBuffer{T}"/>s, so a sparse column costs memory for its non-zeros only.
/// </summary>
internal sealed class ColumnarDataView : IDataView
{
    private readonly Array[] _columns;
    private readonly int[]? _order;
    private readonly int _rowCount;

    private ColumnarDataView(DataViewSchema schema, Array[] columns, int rowCount, int[]? order)
    {
        Schema = schema;
        _columns = columns;
        _rowCount = rowCount;
        _order = order;
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _order?.Length ?? _rowCount;

    /// <summary>Reads every row of <paramref name="data"/> into memory.</summary>
    public static ColumnarDataView Materialize(IDataView data)
    {
        if (data is ColumnarDataView already)
            return already;
        using var cursor = data.GetRowCursor(data.Schema);
        var buffers = data.Schema.Select(c => ColumnBuffer.For(cursor, c, keepSparse: true)).ToArray();
        int rows = 0;
        while (cursor.MoveNext())
        {
            foreach (var buffer in buffers)
                buffer.Append();
            rows++;
        }
        return new ColumnarDataView(data.Schema, buffers.Select(b => b.ToArray()).ToArray(), rows, null);
    }

    /// <summary>The stored values of column <paramref name="index"/>, one per stored row (of <see cref="ColumnBuffer.StoredType"/>).</summary>
    public Array Column(int index) => _columns[index];

    /// <summary>The same rows with column <paramref name="index"/>'s values replaced by <paramref name="values"/> (one per stored row, of <see cref="ColumnBuffer.StoredType"/>).</summary>
    public ColumnarDataView WithColumn(int index, Array values)
    {
        var columns = (Array[])_columns.Clone();
        columns[index] = values;
        return new(Schema, columns, _rowCount, _order);
    }

    /// <summary>The same rows visited in the order <paramref name="order"/> (indices into the stored rows).</summary>
    public ColumnarDataView WithOrder(int[] order) => new(Schema, _columns, _rowCount, order);

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    private sealed class Cursor(ColumnarDataView view) : DataViewRowCursor
    {
        private long _position = -1;
        private int _row = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override bool MoveNext()
        {
            if (_position + 1 >= view.GetRowCount())
                return false;
            _position++;
            _row = view._order is null ? (int)_position : view._order[_position];
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var stored = view._columns[column.Index];
            // The stored VBuffer itself: its spans are read-only to the reader.
            if (stored.GetType().GetElementType() == typeof(TValue))
            {
                var values = (TValue[])stored;
                return (ref TValue value) => value = values[_row];
            }
            if (ValueViews.Getter<TValue>(this, column) is { } asView)
                return asView;
            var item = ((VectorDataViewType)column.Type).ItemType.RawType;
            return (ValueGetter<TValue>)typeof(Cursor).GetMethod(nameof(DenseGetter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(item).Invoke(this, [stored])!;
        }

        // Written into the reader's array, so a transform that writes into its buffer never changes the stored rows.
        private ValueGetter<TItem[]> DenseGetter<TItem>(VBuffer<TItem>[] vectors) =>
            SparseVectors.Densified((ref VBuffer<TItem> value) => value = vectors[_row]);
    }
}
