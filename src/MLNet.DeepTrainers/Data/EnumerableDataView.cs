namespace MLNet.DeepTrainers.Data;

/// <summary>A view over an in-memory sequence of user objects, read lazily each time a cursor opens.</summary>
internal sealed class EnumerableDataView<TRow> : IDataView, ILiveRows where TRow : class
{
    private readonly IEnumerable<TRow> _rows;
    // The member behind each column.
    private readonly RowTypeMap<TRow>.Member[] _members;

    /// <param name="rows">The rows.</param>
    /// <param name="live">Whether <paramref name="rows"/> gives other rows each time it is read (the prediction engine's current row).</param>
    public EnumerableDataView(IEnumerable<TRow> rows, bool live = false)
    {
        _rows = rows;
        IsLive = live;
        var map = RowTypeMap<TRow>.Instance;
        _members = [.. map.Members];
        Schema = map.Schema();
    }

    /// <summary>A view whose columns are those of <paramref name="definition"/>, each from its member and of its type.</summary>
    public EnumerableDataView(IEnumerable<TRow> rows, SchemaDefinition definition)
    {
        _rows = rows;
        var map = RowTypeMap<TRow>.Instance;
        _members = definition.Select(c =>
        {
            ArgumentNullException.ThrowIfNull(c.ColumnType, $"the type of column '{c.ColumnName}'");
            var member = map.Members.FirstOrDefault(m => m.Name == c.MemberName)
                ?? throw new ArgumentOutOfRangeException(nameof(definition), $"Schema definition column '{c.ColumnName}': {typeof(TRow).Name} has no column member '{c.MemberName}'.");
            if (c.ColumnType.RawType != member.ClrType)
                throw new ArgumentOutOfRangeException(nameof(definition), $"Schema definition column '{c.ColumnName}': its type {c.ColumnType} holds {c.ColumnType.RawType.Name} values, but member '{c.MemberName}' of {typeof(TRow).Name} is {member.ClrType.Name}.");
            return member;
        }).ToArray();
        Schema = new DataViewSchema(definition.Select(c => (c.ColumnName, c.ColumnType, (DataViewSchema.Annotations?)null)));
    }

    public bool IsLive { get; }

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
            if (ValueViews.Getter<TValue>(this, column) is { } asView)
                return asView;
            var member = view._members[column.Index];
            var read = member.Reader<TValue>();
            if (column.Type is VectorDataViewType vector)
                return (ValueGetter<TValue>)GetType().GetMethod(nameof(VectorGetter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(vector.ItemType.RawType).Invoke(this, [read, vector.Size, member.Name])!;
            return (ref TValue value) => value = read(_rows.Current);
        }

        // A copy, so a transform that writes into its buffer never changes the user's objects. A vector
        // of known size must have that size; one whose size varies may have any (null is empty).
        private ValueGetter<TItem[]> VectorGetter<TItem>(Func<TRow, TItem[]> read, int size, string name) => (ref TItem[] value) =>
        {
            var source = read(_rows.Current);
            if (size > 0 && (source is null || source.Length != size))
                throw new InvalidOperationException($"Row {_position}: member '{name}' of {typeof(TRow).Name} has {(source is null ? "no array" : $"{source.Length} values")}; its [VectorType] says {size}.");
            source ??= [];
            if (value is null || value.Length != source.Length)
                value = new TItem[source.Length];
            source.AsSpan().CopyTo(value);
        };

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _rows.Dispose();
        }
    }
}
