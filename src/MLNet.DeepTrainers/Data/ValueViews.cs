using System.Reflection;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// The other .NET types a column can be read as, besides its raw type: ML.NET's own. Text (raw
/// <see cref="string"/>) reads as <see cref="ReadOnlyMemory{T}"/> of char; a vector (raw T[]) as
/// <see cref="VBuffer{T}"/>, of <see cref="ReadOnlyMemory{T}"/> for text items. Every built-in cursor
/// asks here first, so a getter, <c>GetColumn</c> and an annotation accept the same types.
/// </summary>
internal static class ValueViews
{
    /// <summary>Whether a value of <paramref name="type"/> can be read as <paramref name="asType"/>.</summary>
    public static bool CanRead(DataViewType type, Type asType) => asType == type.RawType || asType == ViewType(type);

    /// <summary>Whether <paramref name="asType"/> is the <see cref="VBuffer{T}"/> of a non-text vector column of <paramref name="type"/>.</summary>
    public static bool IsVBufferOf(DataViewType type, Type asType) =>
        type is VectorDataViewType { ItemType: not TextDataViewType } && asType == ViewType(type);

    /// <summary>
    /// Null when <typeparamref name="TValue"/> is the column's raw type (the cursor reads it itself);
    /// otherwise a getter of the view built on the raw getter. Any other type is refused here, at the call.
    /// </summary>
    public static ValueGetter<TValue>? Getter<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (typeof(TValue) == column.Type.RawType)
            return null;
        if (typeof(TValue) != ViewType(column.Type))
            throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type} values, read as {Describe(column.Type)}; it was asked for as {typeof(TValue).Name}.");
        if (column.Type is TextDataViewType)
            return (ValueGetter<TValue>)(object)TextGetter(cursor.GetGetter<string>(column));
        var item = ((VectorDataViewType)column.Type).ItemType.RawType;
        var make = item == typeof(string)
            ? typeof(ValueViews).GetMethod(nameof(TextVectorGetter), BindingFlags.NonPublic | BindingFlags.Static)!
            : typeof(ValueViews).GetMethod(nameof(VectorGetter), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(item);
        return (ValueGetter<TValue>)make.Invoke(null, [cursor, column])!;
    }

    /// <summary>The annotation value <paramref name="values"/> (an array) as <typeparamref name="TValue"/>: the array itself or a dense <see cref="VBuffer{T}"/>.</summary>
    public static TValue AnnotationValue<TValue>(Array values, int[]? indices, int length, string what)
    {
        var item = values.GetType().GetElementType()!;
        if (typeof(TValue) == values.GetType() && indices is null)
            return (TValue)(object)values;
        if (typeof(TValue) == typeof(VBuffer<>).MakeGenericType(item))
            return (TValue)Activator.CreateInstance(typeof(TValue), length, values.Length, values, indices)!;
        if (item == typeof(string) && typeof(TValue) == typeof(VBuffer<ReadOnlyMemory<char>>))
            return (TValue)(object)new VBuffer<ReadOnlyMemory<char>>(length, values.Length, ((string[])values).Select(s => (s ?? "").AsMemory()).ToArray(), indices);
        throw new InvalidOperationException($"{what} holds {item.Name} values; read them as VBuffer<{(item == typeof(string) ? "ReadOnlyMemory<char>" : item.Name)}>{(indices is null ? $" or {item.Name}[]" : "")}, not {typeof(TValue).Name}.");
    }

    private static Type? ViewType(DataViewType type) => type switch
    {
        TextDataViewType => typeof(ReadOnlyMemory<char>),
        VectorDataViewType { ItemType: TextDataViewType } => typeof(VBuffer<ReadOnlyMemory<char>>),
        VectorDataViewType vector => typeof(VBuffer<>).MakeGenericType(vector.ItemType.RawType),
        _ => null,
    };

    private static string Describe(DataViewType type) =>
        ViewType(type) is Type view ? $"{type.RawType.Name} or {view.Name}" : type.RawType.Name;

    private static ValueGetter<ReadOnlyMemory<char>> TextGetter(ValueGetter<string> read)
    {
        string text = "";
        return (ref ReadOnlyMemory<char> value) =>
        {
            read(ref text);
            value = (text ?? "").AsMemory();
        };
    }

    private static ValueGetter<VBuffer<T>> VectorGetter<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var read = cursor.GetGetter<T[]>(column);
        return (ref VBuffer<T> value) =>
        {
            // A fresh array per read: the VBuffer takes it over, and a caller may keep it.
            T[] items = null!;
            read(ref items);
            value = new VBuffer<T>(items.Length, items);
        };
    }

    private static ValueGetter<VBuffer<ReadOnlyMemory<char>>> TextVectorGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var read = cursor.GetGetter<string[]>(column);
        string[] items = [];
        return (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            read(ref items);
            value = new VBuffer<ReadOnlyMemory<char>>(items.Length, items.Select(s => (s ?? "").AsMemory()).ToArray());
        };
    }
}
