namespace MLNet.DeepTrainers;

/// <summary>A key column's values as text, in key order: what ML.NET shows as a multiclass model's class names.</summary>
internal static class KeyNames
{
    public static string[] Of(DataViewSchema.Column key)
    {
        int count = (int)((KeyDataViewType)key.Type).Count;
        var column = key.Annotations.Schema.GetColumnOrNull(AnnotationUtilsNames.KeyValues);
        if (column is not { Type: VectorDataViewType { Size: var size } vector } || size != count)
            return Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var read = typeof(KeyNames).GetMethod(nameof(Read), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(vector.ItemType.RawType);
        return (string[])read.Invoke(null, [key.Annotations])!;
    }

    private static string[] Read<T>(DataViewSchema.Annotations annotations)
    {
        var values = default(VBuffer<T>);
        annotations.GetValue(AnnotationUtilsNames.KeyValues, ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
    }
}
