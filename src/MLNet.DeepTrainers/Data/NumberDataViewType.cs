namespace MLNet.DeepTrainers.Data;

/// <summary>Numeric column types.</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private readonly string _name;

    private NumberDataViewType(Type rawType, string name) : base(rawType) => _name = name;

    /// <summary>32-bit floating point (<see cref="float"/>), the type of features and labels.</summary>
    public static NumberDataViewType Single { get; } = new(typeof(float), "Single");

    /// <summary>64-bit floating point.</summary>
    public static NumberDataViewType Double { get; } = new(typeof(double), "Double");

    /// <summary>32-bit signed integer.</summary>
    public static NumberDataViewType Int32 { get; } = new(typeof(int), "Int32");

    /// <summary>64-bit signed integer.</summary>
    public static NumberDataViewType Int64 { get; } = new(typeof(long), "Int64");

    /// <summary>32-bit unsigned integer.</summary>
    public static NumberDataViewType UInt32 { get; } = new(typeof(uint), "UInt32");

    /// <inheritdoc />
    public override string ToString() => _name;
}
