namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Marks missing values: true where a Single or Double value (or a slot of a vector) is NaN, so a model
/// can learn from where data is missing. A scalar gives a Boolean, a vector a Boolean vector of its shape.
/// </summary>
public sealed class MissingValueIndicatorTransformer : RowToRowTransformerBase
{
    internal const string Kind = "IndicateMissingValues";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;

    internal MissingValueIndicatorTransformer(IReadOnlyList<(string Output, string Input)> columns) => _columns = columns;

    internal static MissingValueIndicatorTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) => writer.SetColumnPairs("columns", _columns);

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = input.GetColumnOrNull(c.Input) ?? throw input.MissingColumn(c.Input, $"IndicateMissingValues('{c.Output}')");
        var item = MissingValues.ItemType(column, $"IndicateMissingValues('{c.Output}')");
        bool single = item.Equals(NumberDataViewType.Single);
        if (column.Type is VectorDataViewType vector)
        {
            var type = new VectorDataViewType(BooleanDataViewType.Instance, [.. vector.Dimensions]);
            return new OutputColumn(c.Output, type, cursor => single ? VectorGetter<float>(cursor, column, float.IsNaN) : VectorGetter<double>(cursor, column, double.IsNaN),
                new DataViewSchema.Annotations(null, column.Annotations.SlotNames?.ToArray()));
        }
        return new OutputColumn(c.Output, BooleanDataViewType.Instance, cursor => single ? ScalarGetter<float>(cursor, column, float.IsNaN) : ScalarGetter<double>(cursor, column, double.IsNaN));
    }).ToList();

    private static ValueGetter<bool> ScalarGetter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, bool> isMissing)
    {
        var read = cursor.GetGetter<T>(column);
        T value = default!;
        return (ref bool missing) =>
        {
            read(ref value);
            missing = isMissing(value);
        };
    }

    private static ValueGetter<bool[]> VectorGetter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, bool> isMissing)
    {
        var read = cursor.GetGetter<T[]>(column);
        T[] values = [];
        return (ref bool[] missing) =>
        {
            read(ref values);
            if (missing is null || missing.Length != values.Length)
                missing = new bool[values.Length];
            for (int i = 0; i < values.Length; i++)
                missing[i] = isMissing(values[i]);
        };
    }
}
