namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A categorical index stored as <see cref="uint"/>: 1 to <see cref="Count"/> name a category, 0 means
/// missing (as in ML.NET). The category values travel as the column's key-value annotations.
/// </summary>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    /// <summary>Creates a key type of <paramref name="count"/> categories.</summary>
    public KeyDataViewType(Type type, ulong count) : base(type)
    {
        if (type != typeof(uint))
            throw new ArgumentException($"Key types are stored as UInt32 here; {type.Name} is not supported.", nameof(type));
        if (count == 0)
            throw new ArgumentOutOfRangeException(nameof(count), "A key type needs at least one category.");
        Count = count;
    }

    /// <summary>The number of categories.</summary>
    public ulong Count { get; }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is KeyDataViewType k && k.Count == Count;

    /// <inheritdoc />
    public override string ToString() => $"Key<UInt32, 0-{Count - 1}>";
}
