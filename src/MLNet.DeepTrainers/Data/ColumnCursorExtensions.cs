namespace MLNet.DeepTrainers.Data;

/// <summary>ML.NET's <c>data.GetColumn&lt;T&gt;(name)</c>: one column's values, read lazily.</summary>
public static class ColumnCursorExtensions
{
    /// <summary>The values of column <paramref name="columnName"/>; <typeparamref name="T"/> is its .NET type (float[] or VBuffer&lt;float&gt; for a vector, uint for a key, string or ReadOnlyMemory&lt;char&gt; for text).</summary>
    public static IEnumerable<T> GetColumn<T>(this IDataView data, string columnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columnName);
        var column = data.Schema.GetColumnOrNull(columnName) ?? throw data.Schema.MissingColumn(columnName, "GetColumn");
        return data.GetColumn<T>(column);
    }

    /// <summary>The values of <paramref name="column"/>, which must belong to <paramref name="data"/>'s schema.</summary>
    public static IEnumerable<T> GetColumn<T>(this IDataView data, DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (column.Index < 0 || column.Index >= data.Schema.Count || data.Schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), $"GetColumn: column '{column.Name}' is not a column of this data.");
        // Checked here, at the call, as ML.NET does, not at the first value.
        if (!ValueViews.CanRead(column.Type, typeof(T)))
            throw new InvalidOperationException($"GetColumn: column '{column.Name}' is {column.Type}, read as {column.Type.RawType.Name}, not {typeof(T).Name}.");
        return Values<T>(data, column);
    }

    private static IEnumerable<T> Values<T>(IDataView data, DataViewSchema.Column column)
    {
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        while (cursor.MoveNext())
        {
            // A fresh value per row (a new array for a vector), so callers may keep what they get.
            T value = default!;
            getter(ref value);
            yield return value;
        }
    }
}
