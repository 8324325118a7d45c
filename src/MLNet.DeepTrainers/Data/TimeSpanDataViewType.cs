namespace MLNet.DeepTrainers.Data;

/// <summary>The TimeSpan column type: a duration (converts to numbers as its ticks).</summary>
public sealed class TimeSpanDataViewType : PrimitiveDataViewType
{
    private TimeSpanDataViewType() : base(typeof(TimeSpan)) { }

    /// <summary>The single instance.</summary>
    public static TimeSpanDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "TimeSpan";
}
