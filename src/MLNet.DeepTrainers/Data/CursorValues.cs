namespace MLNet.DeepTrainers.Data;

/// <summary>Typed readers of one column at a cursor's current row.</summary>
internal static class CursorValues
{
    /// <summary>The column's value as <typeparamref name="T"/>, its raw type.</summary>
    public static Func<T> Of<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return value;
        };
    }

    /// <summary>A Single or Double column's value as a double.</summary>
    public static Func<double> AsDouble(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type.Equals(NumberDataViewType.Single))
        {
            var single = Of<float>(cursor, column);
            return () => single();
        }
        return Of<double>(cursor, column);
    }
}
