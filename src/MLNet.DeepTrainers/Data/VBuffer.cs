namespace MLNet.DeepTrainers.Data;

/// <summary>
/// ML.NET's vector value: <see cref="Length"/> items, held densely (every item) or sparsely (the
/// explicit items and their increasing indices; every other item is <c>default(T)</c>). A vector column
/// read as <c>VBuffer&lt;T&gt;</c> (a getter, <c>GetColumn</c>, an annotation) gives its rows as sparse as
/// the column makes them (bags of words, one-hot bags), dense otherwise, so ML.NET code that reads
/// vectors this way runs unchanged; read as an array, the same row is dense.
/// </summary>
public readonly struct VBuffer<T>
{
    private readonly int _count;
    private readonly T[]? _values;
    private readonly int[]? _indices;

    /// <summary>The number of items, explicit or implicit.</summary>
    public readonly int Length;

    /// <summary>A dense vector of the first <paramref name="length"/> items of <paramref name="values"/> (which it takes over).</summary>
    public VBuffer(int length, T[] values, int[]? indices = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((values?.Length ?? 0) < length)
            throw new ArgumentException($"VBuffer: {values?.Length ?? 0} values cannot fill a dense vector of length {length}.", nameof(values));
        Length = length;
        _count = length;
        _values = values;
        _indices = indices;
    }

    /// <summary>
    /// A vector of <paramref name="length"/> items whose first <paramref name="count"/> values are
    /// explicit; when <paramref name="count"/> is less than <paramref name="length"/>, at the strictly
    /// increasing <paramref name="indices"/>.
    /// </summary>
    public VBuffer(int length, int count, T[] values, int[]? indices)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (count < 0 || count > length)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"VBuffer: the count of explicit values must be from 0 to the length {length}.");
        if ((values?.Length ?? 0) < count)
            throw new ArgumentException($"VBuffer: {values?.Length ?? 0} values for {count} explicit items.", nameof(values));
        if (count < length)
        {
            if ((indices?.Length ?? 0) < count)
                throw new ArgumentException($"VBuffer: {indices?.Length ?? 0} indices for {count} explicit items.", nameof(indices));
            for (int i = 0; i < count; i++)
                if (indices![i] < (i == 0 ? 0 : indices[i - 1] + 1) || indices[i] >= length)
                    throw new ArgumentException($"VBuffer: index {indices[i]} at position {i} is not increasing within 0..{length - 1}.", nameof(indices));
        }
        Length = length;
        _count = count;
        _values = values;
        _indices = indices;
    }

    /// <summary>Whether every item is explicit.</summary>
    public bool IsDense => _count == Length;

    /// <summary>The explicit values (all of them when dense).</summary>
    public ReadOnlySpan<T> GetValues() => _values.AsSpan(0, _count);

    /// <summary>The indices of the explicit values; empty when dense.</summary>
    public ReadOnlySpan<int> GetIndices() => IsDense ? default : _indices.AsSpan(0, _count);

    /// <summary>All <see cref="Length"/> items, implicit ones as <c>default(T)</c>.</summary>
    public IEnumerable<T> DenseValues()
    {
        for (int i = 0; i < Length; i++)
            yield return GetItemOrDefault(i);
    }

    /// <summary>The (index, value) pairs: the explicit ones, or every item when <paramref name="all"/>.</summary>
    public IEnumerable<KeyValuePair<int, T>> Items(bool all = false)
    {
        if (IsDense || all)
        {
            for (int i = 0; i < Length; i++)
                yield return new(i, GetItemOrDefault(i));
            yield break;
        }
        for (int i = 0; i < _count; i++)
            yield return new(_indices![i], _values![i]);
    }

    /// <summary>The item at <paramref name="index"/>, <c>default(T)</c> when implicit.</summary>
    public T GetItemOrDefault(int index)
    {
        if (index < 0 || index >= Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"VBuffer: the index must be from 0 to {Length - 1}.");
        if (IsDense)
            return _values![index];
        int at = Array.BinarySearch(_indices!, 0, _count, index);
        return at >= 0 ? _values![at] : default!;
    }

    /// <summary>Sets <paramref name="destination"/> to the item at <paramref name="index"/>.</summary>
    public void GetItemOrDefault(int index, ref T destination) => destination = GetItemOrDefault(index);

    /// <summary>Writes all <see cref="Length"/> items into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<T> destination)
    {
        if (destination.Length < Length)
            throw new ArgumentException($"VBuffer: {destination.Length} places for {Length} items.", nameof(destination));
        if (IsDense)
        {
            GetValues().CopyTo(destination);
            return;
        }
        destination[..Length].Clear();
        for (int i = 0; i < _count; i++)
            destination[_indices![i]] = _values![i];
    }

    /// <summary>All <see cref="Length"/> items in a new array.</summary>
    internal T[] ToDenseArray()
    {
        var items = new T[Length];
        CopyTo(items);
        return items;
    }

    /// <inheritdoc />
    public override string ToString() => IsDense ? $"Dense vector of size {Length}" : $"Sparse vector of size {Length}, {_count} explicit values";
}
