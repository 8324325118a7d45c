namespace MLNet.DeepTrainers.Data;

/// <summary>Facts about a column type that several components ask.</summary>
internal static class DataViewTypeExtensions
{
    /// <summary>The type of each item: a vector's item type, or the type itself for a scalar (null for anything else).</summary>
    public static PrimitiveDataViewType? ItemType(this DataViewType type) => type is VectorDataViewType v ? v.ItemType : type as PrimitiveDataViewType;
}
