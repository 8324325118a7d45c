using System.Collections.Immutable;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A fixed-size vector of <see cref="Single"/> values, optionally shaped (channels, height, width for
/// images). Values are <c>float[]</c> of exactly <see cref="Size"/> items.
/// </summary>
public sealed class VectorDataViewType : DataViewType
{
    /// <summary>Creates a vector type of the given item type and dimensions.</summary>
    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions) : base(typeof(float[]))
    {
        if (!itemType.Equals(NumberDataViewType.Single))
            throw new ArgumentException($"Vectors hold Single values here; {itemType} vectors are not supported. Convert the values with ConvertType first.", nameof(itemType));
        if (dimensions.Length == 0 || dimensions.Any(d => d <= 0))
            throw new ArgumentException("A vector type needs one or more positive dimensions; variable-size vectors are not supported.", nameof(dimensions));
        ItemType = itemType;
        Dimensions = [.. dimensions];
        Size = dimensions.Aggregate(1, (a, b) => checked(a * b));
    }

    /// <summary>The type of each item (always <see cref="NumberDataViewType.Single"/> here).</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The shape: one entry for a flat vector, three for (channels, height, width).</summary>
    public ImmutableArray<int> Dimensions { get; }

    /// <summary>The number of items.</summary>
    public int Size { get; }

    /// <summary>Whether every value has <see cref="Size"/> items: always, since vectors here have a fixed size.</summary>
    public bool IsKnownSize => true;

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) =>
        other is VectorDataViewType v && v.ItemType.Equals(ItemType) && v.Dimensions.SequenceEqual(Dimensions);

    /// <inheritdoc />
    public override string ToString() => $"Vector<{ItemType}, {string.Join(", ", Dimensions)}>";
}
