namespace MLNet.DeepTrainers.Data;

/// <summary>The type of a column: what values it holds and how they are represented in .NET.</summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    private protected DataViewType(Type rawType) => RawType = rawType;

    /// <summary>The .NET type a getter of this column returns.</summary>
    public Type RawType { get; }

    /// <inheritdoc />
    public abstract bool Equals(DataViewType? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => $"{this}".GetHashCode(StringComparison.Ordinal);
}

/// <summary>A type whose values are single items (numbers, text, booleans, keys).</summary>
public abstract class PrimitiveDataViewType : DataViewType
{
    private protected PrimitiveDataViewType(Type rawType) : base(rawType) { }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is PrimitiveDataViewType p && p.RawType == RawType && p.GetType() == GetType();
}
