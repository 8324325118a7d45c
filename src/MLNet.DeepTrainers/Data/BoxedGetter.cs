namespace MLNet.DeepTrainers.Data;

/// <summary>Reads any column's value as an object, for the few places (previews, sampling keys) that are not hot.</summary>
internal static class BoxedGetter
{
    public static Func<object?> For(DataViewRowCursor cursor, DataViewSchema.Column column) =>
        (Func<object?>)typeof(BoxedGetter).GetMethod(nameof(Typed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(column.Type.RawType).Invoke(null, [cursor, column])!;

    private static Func<object?> Typed<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<TValue>(column);
        return () =>
        {
            TValue value = default!;
            getter(ref value);
            return value;
        };
    }
}
