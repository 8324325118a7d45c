namespace MLNet.DeepTrainers.Data;

/// <summary>The DateTime column type: a point in time (ticks since 0001-01-01; converts to numbers as its ticks).</summary>
public sealed class DateTimeDataViewType : PrimitiveDataViewType
{
    private DateTimeDataViewType() : base(typeof(DateTime)) { }

    /// <summary>The single instance.</summary>
    public static DateTimeDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "DateTime";
}
