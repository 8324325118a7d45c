using System.Globalization;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Converts a column (a vector item by item) between numbers, Booleans and text (a key converts as its index). A value
/// that does not convert (text that is not a number, NaN to an integer) is an error naming the row.
/// </summary>
public sealed class TypeConvertingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>
    /// Numbers, keys (their number) and booleans convert with ONNX's Cast, which gives the same values wherever this
    /// transform gives one (it refuses a non-integer for an integer type, where Cast would truncate).
    /// Text and times have no exact ONNX counterpart.
    /// </summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (outputName, inputName) in _columns)
        {
            var (value, type) = graph.Column(inputName, $"ConvertType('{outputName}')");
            var target = output[outputName].Type;
            if (type.ItemType() is TextDataViewType || OnnxTypes.ElementType(target) is not { } element || target.ItemType() is TextDataViewType)
                throw new NotSupportedException($"ConvertType('{outputName}') from {type} to {target}: only numbers, keys and booleans convert in ONNX the same way (text is parsed differently there).");
            graph.SetColumn(outputName, graph.Cast(value, element), target);
        }
    }

    internal const string Kind = "ConvertType";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly DataKind _kind;

    internal TypeConvertingTransformer(IReadOnlyList<(string Output, string Input)> columns, DataKind outputKind)
    {
        if (!Enum.IsDefined(outputKind))
            throw new ArgumentOutOfRangeException(nameof(outputKind), outputKind, $"ConvertType('{columns[0].Output}') converts to Single, Double, Int32, UInt32, Int64, Boolean, String, TimeSpan, DateTime or DateTimeOffset.");
        _columns = columns;
        _kind = outputKind;
    }

    internal static TypeConvertingTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"), reader.Get<DataKind>("outputKind"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("outputKind", _kind);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c => Output(input, c.Output, c.Input)).ToList();

    private OutputColumn Output(DataViewSchema input, string output, string inputName)
    {
        var column = input.GetColumnOrNull(inputName) ?? throw input.MissingColumn(inputName);
        var target = DataKinds.TypeOf(_kind);
        // A vector converts item by item into a vector of the same shape.
        var type = column.Type is VectorDataViewType vector ? new VectorDataViewType(target, [.. vector.Dimensions]) : (DataViewType)target;
        var make = typeof(TypeConvertingTransformer).GetMethod(nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(column.Type.ItemType()!.RawType, target.RawType);
        return new OutputColumn(output, type, cursor => (Delegate)make.Invoke(null, [cursor, column, output])!, new DataViewSchema.Annotations(null, column.Annotations.SlotNames?.ToArray()));
    }

    private static Delegate Getter<TIn, TOut>(DataViewRowCursor cursor, DataViewSchema.Column column, string output) =>
        ItemGetters.Map<TIn, TOut>(cursor, column, (value, slot) => TryConvert(value, out TOut result) ? result
            : throw new FormatException($"ConvertType('{output}'): row {cursor.Position}, column '{column.Name}' has the value '{value}'{(column.Type is VectorDataViewType ? $" in slot {slot}" : "")}, which is not a valid {typeof(TOut).Name}."));

    private static bool TryConvert<TIn, TOut>(TIn value, out TOut result)
    {
        if (value is string text)
            return ValueParser.TryParse(text.AsSpan().Trim(), out result);
        if (typeof(TOut) == typeof(string))
        {
            // ML.NET writes times round-trippably: ISO 8601 ("o") and TimeSpan's constant format ("c").
            string? format = value is DateTime or DateTimeOffset ? "o" : value is TimeSpan ? "c" : null;
            result = (TOut)(object)(value is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : value?.ToString() ?? "");
            return true;
        }
        if (value is TOut same)
        {
            result = same;
            return true;
        }
        // Times convert to numbers as ML.NET's do: their ticks (a DateTimeOffset's in UTC).
        double number = value switch
        {
            DateTime t => t.Ticks,
            DateTimeOffset t => t.UtcDateTime.Ticks,
            TimeSpan t => t.Ticks,
            float f => f,
            double d => d,
            int i => i,
            uint u => u,
            long l => l,
            bool b => b ? 1 : 0,
            _ => double.NaN,
        };
        object? converted = typeof(TOut) switch
        {
            var t when t == typeof(float) => (float)number,
            var t when t == typeof(double) => number,
            var t when t == typeof(bool) => double.IsNaN(number) ? null : number != 0,
            var t when t == typeof(int) => double.IsFinite(number) && number == Math.Floor(number) && number >= int.MinValue && number <= int.MaxValue ? (int)number : null,
            var t when t == typeof(uint) => double.IsFinite(number) && number == Math.Floor(number) && number >= 0 && number <= uint.MaxValue ? (uint)number : null,
            var t when t == typeof(long) => double.IsFinite(number) && number == Math.Floor(number) && Math.Abs(number) < 9.2e18 ? (long)number : null,
            _ => null,
        };
        result = converted is TOut ok ? ok : default!;
        return converted is not null;
    }
}
