namespace MLNet.DeepTrainers.Data;

/// <summary>The Boolean column type, the label type of binary classification.</summary>
public sealed class BooleanDataViewType : PrimitiveDataViewType
{
    private BooleanDataViewType() : base(typeof(bool)) { }

    /// <summary>The single instance.</summary>
    public static BooleanDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "Boolean";
}
