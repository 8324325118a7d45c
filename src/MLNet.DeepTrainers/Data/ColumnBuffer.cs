namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Collects one column's values from a cursor into an array of its raw type, or, with
/// <c>keepSparse</c>, a non-text vector column's as <see cref="VBuffer{T}"/>s that stay as sparse as the
/// column hands them out.
/// </summary>
internal abstract class ColumnBuffer
{
    public abstract void Append();

    public abstract Array ToArray();

    public static ColumnBuffer For(DataViewRowCursor cursor, DataViewSchema.Column column, bool keepSparse = false)
    {
        var stored = keepSparse ? StoredType(column.Type) : column.Type.RawType;
        return (ColumnBuffer)Activator.CreateInstance(typeof(ColumnBuffer<>).MakeGenericType(stored), cursor, column)!;
    }

    /// <summary>What a column's values are kept as when sparse vectors are kept sparse.</summary>
    public static Type StoredType(DataViewType type) => type is VectorDataViewType { ItemType: not TextDataViewType } vector
        ? typeof(VBuffer<>).MakeGenericType(vector.ItemType.RawType)
        : type.RawType;
}

internal sealed class ColumnBuffer<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column) : ColumnBuffer
{
    private readonly ValueGetter<TValue> _getter = cursor.GetGetter<TValue>(column);
    private readonly List<TValue> _values = [];

    public override void Append()
    {
        // A fresh value each row: arrays must not share the getter's reused one (a VBuffer is fresh already).
        TValue value = default!;
        _getter(ref value);
        _values.Add(value);
    }

    public override Array ToArray() => _values.ToArray();
}
