namespace MLNet.DeepTrainers.Data;

/// <summary>Collects one column's values from a cursor into an array of its raw type.</summary>
internal abstract class ColumnBuffer
{
    public abstract void Append();

    public abstract Array ToArray();

    public static ColumnBuffer For(DataViewRowCursor cursor, DataViewSchema.Column column) =>
        (ColumnBuffer)Activator.CreateInstance(typeof(ColumnBuffer<>).MakeGenericType(column.Type.RawType), cursor, column)!;
}

internal sealed class ColumnBuffer<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column) : ColumnBuffer
{
    private readonly ValueGetter<TValue> _getter = cursor.GetGetter<TValue>(column);
    private readonly List<TValue> _values = [];

    public override void Append()
    {
        // A fresh value each row: vectors must not share the getter's reused array.
        TValue value = default!;
        _getter(ref value);
        _values.Add(value);
    }

    public override Array ToArray() => _values.ToArray();
}
