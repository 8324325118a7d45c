namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Getters of a column computed item by item from another: a scalar from a scalar, a vector from a
/// vector of the same length. The one place the transforms that map each value (normalizers,
/// conversions, hashing, missing values) read a scalar or a vector.
/// </summary>
internal static class ItemGetters
{
    /// <summary>
    /// A <c>ValueGetter</c> of <typeparamref name="TOut"/> (or <typeparamref name="TOut"/>[] when
    /// <paramref name="column"/> is a vector) whose items are <paramref name="map"/>(input item, slot).
    /// </summary>
    public static Delegate Map<TIn, TOut>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<TIn, int, TOut> map)
    {
        if (column.Type is VectorDataViewType)
        {
            var readVector = cursor.GetGetter<TIn[]>(column);
            TIn[] values = [];
            return (ValueGetter<TOut[]>)((ref TOut[] result) =>
            {
                readVector(ref values);
                if (result is null || result.Length != values.Length)
                    result = new TOut[values.Length];
                for (int i = 0; i < values.Length; i++)
                    result[i] = map(values[i], i);
            });
        }
        var read = cursor.GetGetter<TIn>(column);
        TIn value = default!;
        return (ValueGetter<TOut>)((ref TOut result) =>
        {
            read(ref value);
            result = map(value, 0);
        });
    }

}
