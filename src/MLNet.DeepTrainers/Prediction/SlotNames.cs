namespace MLNet.DeepTrainers;

/// <summary>A known-size vector column's slot names as text: what names a multi-label model's labels.</summary>
internal static class SlotNames
{
    /// <summary>The slot names of <paramref name="column"/>, a vector of <paramref name="size"/> slots; "0", "1", ... where it has none.</summary>
    public static string[] Of(DataViewSchema.Column column, int size)
    {
        if (!column.HasSlotNames())
            return [.. Enumerable.Range(0, size).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }
}
