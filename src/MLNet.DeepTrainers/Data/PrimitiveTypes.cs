namespace MLNet.DeepTrainers.Data;

/// <summary>The column type of each supported scalar .NET type.</summary>
internal static class PrimitiveTypes
{
    public static PrimitiveDataViewType? Of(Type clr) =>
        clr == typeof(float) ? NumberDataViewType.Single
        : clr == typeof(double) ? NumberDataViewType.Double
        : clr == typeof(int) ? NumberDataViewType.Int32
        : clr == typeof(long) ? NumberDataViewType.Int64
        : clr == typeof(uint) ? NumberDataViewType.UInt32
        : clr == typeof(bool) ? BooleanDataViewType.Instance
        : clr == typeof(string) ? TextDataViewType.Instance
        : clr == typeof(DateTime) ? DateTimeDataViewType.Instance
        : clr == typeof(DateTimeOffset) ? DateTimeOffsetDataViewType.Instance
        : clr == typeof(TimeSpan) ? TimeSpanDataViewType.Instance
        : null;
}
