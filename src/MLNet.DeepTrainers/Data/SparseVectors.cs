namespace MLNet.DeepTrainers.Data;

/// <summary>
/// The library's sparse vector values: a transform whose rows are mostly zeros (a bag of words, a
/// one-hot bag) hands them out as sparse <see cref="VBuffer{T}"/>s to whoever reads the column as
/// <c>VBuffer&lt;T&gt;</c> (Concatenate, NormalizeLpNorm, Cache, the trainers), so memory follows the
/// non-zeros; a reader of the raw <c>T[]</c> gets the same row dense. A VBuffer read from a getter is
/// the reader's to keep: its arrays are never reused for the next row.
/// </summary>
internal static class SparseVectors
{
    /// <summary>A getter of the dense array that writes each row of <paramref name="read"/> into the reader's array when its length fits.</summary>
    public static ValueGetter<T[]> Densified<T>(ValueGetter<VBuffer<T>> read)
    {
        VBuffer<T> row = default;
        return (ref T[] value) =>
        {
            read(ref row);
            if (value is null || value.Length != row.Length)
                value = new T[row.Length];
            row.CopyTo(value);
        };
    }

    /// <summary>
    /// A vector of <paramref name="length"/> holding <paramref name="counts"/> (slot to value; every
    /// other slot 0), each value passed through <paramref name="weigh"/> (slot, value) when given.
    /// </summary>
    public static VBuffer<float> FromCounts(int length, Dictionary<int, float> counts, Func<int, float, float>? weigh = null)
    {
        var slots = new int[counts.Count];
        var values = new float[counts.Count];
        int i = 0;
        foreach (var (slot, value) in counts)
        {
            slots[i] = slot;
            values[i++] = weigh is null ? value : weigh(slot, value);
        }
        Array.Sort(slots, values);
        return new VBuffer<float>(length, slots.Length, values, slots);
    }
}
