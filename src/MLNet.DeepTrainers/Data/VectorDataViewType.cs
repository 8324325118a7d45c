using System.Collections.Immutable;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A vector of one primitive item type, optionally shaped (channels, height, width for images). Values
/// are arrays of the item's .NET type (<c>float[]</c>, <c>bool[]</c>, <c>string[]</c>, ...), or, read as
/// <see cref="VBuffer{T}"/>, as sparse as the column makes them (a bag of words is). A vector of
/// known size has exactly <see cref="Size"/> items in every row; one made without dimensions (or with a
/// dimension of 0) has a size that varies by row, as ML.NET's.
/// </summary>
public sealed class VectorDataViewType : DataViewType
{
    /// <summary>
    /// The most items a transform gives a vector of its own making (2^24: 64 MiB of floats per row). Even a
    /// sparse vector is dense to a reader of its array, so a wider one, as a hostile model file could ask
    /// for, is refused before any row is made.
    /// </summary>
    internal const int MaximumTransformSize = 1 << 24;

    /// <summary>Creates a vector type of the given item type and dimensions (none, or a 0: the size varies by row).</summary>
    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions) : base(ItemRawType(itemType).MakeArrayType())
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Any(d => d < 0))
            throw new ArgumentException("A vector type's dimensions must not be negative (0 means the size varies by row).", nameof(dimensions));
        ItemType = itemType;
        Dimensions = [.. dimensions];
        Size = dimensions.Length == 0 ? 0 : dimensions.Aggregate(1, (a, b) => checked(a * b));
    }

    /// <summary>Creates a flat vector type of <paramref name="size"/> items (0: the size varies by row).</summary>
    public VectorDataViewType(PrimitiveDataViewType itemType, int size = 0) : this(itemType, size == 0 ? [] : [size]) { }

    private static Type ItemRawType(PrimitiveDataViewType itemType)
    {
        ArgumentNullException.ThrowIfNull(itemType);
        return itemType.RawType;
    }

    /// <summary>The type of each item.</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The shape: one entry for a flat vector, three for (channels, height, width); empty when the size varies.</summary>
    public ImmutableArray<int> Dimensions { get; }

    /// <summary>The number of items; 0 when the size varies by row.</summary>
    public int Size { get; }

    /// <summary>Whether every value has <see cref="Size"/> items.</summary>
    public bool IsKnownSize => Size > 0;

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) =>
        other is VectorDataViewType v && v.ItemType.Equals(ItemType) && v.Size == Size && (Size == 0 || v.Dimensions.SequenceEqual(Dimensions));

    /// <inheritdoc />
    public override string ToString() => IsKnownSize ? $"Vector<{ItemType}, {string.Join(", ", Dimensions)}>" : $"Vector<{ItemType}>";
}
