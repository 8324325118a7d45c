namespace MLNet.DeepTrainers.Data;

/// <summary>The DateTimeOffset column type: a point in time with its offset from UTC.</summary>
public sealed class DateTimeOffsetDataViewType : PrimitiveDataViewType
{
    private DateTimeOffsetDataViewType() : base(typeof(DateTimeOffset)) { }

    /// <summary>The single instance.</summary>
    public static DateTimeOffsetDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "DateTimeOffset";
}
