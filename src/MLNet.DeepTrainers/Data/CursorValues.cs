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

    /// <summary>The items of a scalar (one) or vector column of item type <typeparamref name="T"/>; the array is reused row to row.</summary>
    public static Func<T[]> Items<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        T[] items = [];
        if (column.Type is VectorDataViewType)
        {
            var readVector = cursor.GetGetter<T[]>(column);
            return () =>
            {
                readVector(ref items);
                return items;
            };
        }
        var read = cursor.GetGetter<T>(column);
        items = new T[1];
        return () =>
        {
            read(ref items[0]);
            return items;
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

    /// <summary>A Single or Double scalar's or vector's values as doubles (a scalar as one value); the array is reused row to row.</summary>
    public static Func<double[]> AsDoubles(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        double[] values = [];
        if (column.Type is not VectorDataViewType vector)
        {
            var scalar = AsDouble(cursor, column);
            values = new double[1];
            return () =>
            {
                values[0] = scalar();
                return values;
            };
        }
        if (vector.ItemType.Equals(NumberDataViewType.Double))
        {
            var readDoubles = cursor.GetGetter<double[]>(column);
            return () =>
            {
                readDoubles(ref values);
                return values;
            };
        }
        var readSingles = cursor.GetGetter<float[]>(column);
        float[] singles = [];
        return () =>
        {
            readSingles(ref singles);
            if (values.Length != singles.Length)
                values = new double[singles.Length];
            for (int i = 0; i < singles.Length; i++)
                values[i] = singles[i];
            return values;
        };
    }
}
