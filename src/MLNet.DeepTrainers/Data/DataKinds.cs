namespace MLNet.DeepTrainers.Data;

/// <summary>The one map between <see cref="DataKind"/> and column item types.</summary>
internal static class DataKinds
{
    private static readonly (DataKind Kind, PrimitiveDataViewType Type)[] Map =
    [
        (DataKind.Single, NumberDataViewType.Single),
        (DataKind.Double, NumberDataViewType.Double),
        (DataKind.Int32, NumberDataViewType.Int32),
        (DataKind.UInt32, NumberDataViewType.UInt32),
        (DataKind.Int64, NumberDataViewType.Int64),
        (DataKind.String, TextDataViewType.Instance),
        (DataKind.Boolean, BooleanDataViewType.Instance),
        (DataKind.TimeSpan, TimeSpanDataViewType.Instance),
        (DataKind.DateTime, DateTimeDataViewType.Instance),
        (DataKind.DateTimeOffset, DateTimeOffsetDataViewType.Instance),
    ];

    /// <summary>The item type of <paramref name="kind"/>; an undefined kind is refused.</summary>
    public static PrimitiveDataViewType TypeOf(DataKind kind) =>
        Map.FirstOrDefault(m => m.Kind == kind).Type
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, $"DataKind {kind} is not supported: use one of {string.Join(", ", Map.Select(m => m.Kind))}.");

    /// <summary>The kind of a (non-key) item type, or null when it has none.</summary>
    public static DataKind? KindOf(DataViewType type) =>
        type is KeyDataViewType ? null : Map.Where(m => m.Type.Equals(type)).Select(m => (DataKind?)m.Kind).FirstOrDefault();
}
