namespace MLNet.DeepTrainers.Data;

/// <summary>ML.NET's shortcuts to a column's slot names and key values.</summary>
public static class SchemaAnnotationsExtensions
{
    /// <summary>Whether <paramref name="column"/> is a vector of known size with one name per slot.</summary>
    public static bool HasSlotNames(this DataViewSchema.Column column) =>
        column.Type is VectorDataViewType { Size: > 0 } vector && column.Annotations.SlotNames?.Count == vector.Size;

    /// <summary>The name of each slot of <paramref name="column"/>; throws when it has none.</summary>
    public static void GetSlotNames(this DataViewSchema.Column column, ref VBuffer<ReadOnlyMemory<char>> slotNames) =>
        column.Annotations.GetValue(DataViewSchema.Annotations.SlotNamesKind, ref slotNames);

    /// <summary>
    /// Whether <paramref name="column"/> is a key (or a vector of keys) with a value for each key, of
    /// <paramref name="keyValueItemType"/> (text when null).
    /// </summary>
    public static bool HasKeyValues(this DataViewSchema.Column column, PrimitiveDataViewType? keyValueItemType = null) =>
        column.Type.ItemType() is KeyDataViewType key
        && column.Annotations.StoredKeyValues is Array values
        && (ulong)column.Annotations.KeyCount == key.Count
        && (keyValueItemType ?? TextDataViewType.Instance).RawType == values.GetType().GetElementType();

    /// <summary>The value of each key of <paramref name="column"/>; throws when it has none or they are not of <typeparamref name="TValue"/>.</summary>
    public static void GetKeyValues<TValue>(this DataViewSchema.Column column, ref VBuffer<TValue> keyValues) =>
        column.Annotations.GetValue(DataViewSchema.Annotations.KeyValuesKind, ref keyValues);
}
