namespace MLNet.DeepTrainers;

/// <summary>A key column's values as text, in key order: what ML.NET shows as a multiclass model's class names.</summary>
internal static class KeyNames
{
    /// <summary>The key values of <paramref name="key"/> as text; "1", "2", ... when it has none, or not one per key.</summary>
    public static string[] Of(DataViewSchema.Column key)
    {
        int count = (int)((KeyDataViewType)key.Type).Count;
        string[] values = ValuesOf(key.Annotations);
        return values.Length == count ? values : Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Whether <paramref name="column"/> holds keys (one or a vector) with a key value for each key, which MapKeyToValue gives back.</summary>
    public static bool HaveValues(DataViewSchema.Column column) =>
        ((column.Type as VectorDataViewType)?.ItemType ?? column.Type) is KeyDataViewType key
        && column.Annotations.Schema.GetColumnOrNull(AnnotationUtilsNames.KeyValues)?.Type is VectorDataViewType values && (ulong)values.Size == key.Count;

    /// <summary>The KeyValues annotation in <paramref name="annotations"/> as text; none when it has none.</summary>
    public static string[] ValuesOf(DataViewSchema.Annotations annotations)
    {
        if (annotations.Schema.GetColumnOrNull(AnnotationUtilsNames.KeyValues)?.Type is not VectorDataViewType vector)
            return [];
        var read = typeof(KeyNames).GetMethod(nameof(Read), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(vector.ItemType.RawType);
        return (string[])read.Invoke(null, [annotations])!;
    }

    private static string[] Read<T>(DataViewSchema.Annotations annotations)
    {
        var values = default(VBuffer<T>);
        annotations.GetValue(AnnotationUtilsNames.KeyValues, ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
    }
}
