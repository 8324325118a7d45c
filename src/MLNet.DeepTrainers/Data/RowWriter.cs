namespace MLNet.DeepTrainers.Data;

/// <summary>Copies the current row of a cursor into the matching members of a <typeparamref name="TRow"/> object.</summary>
internal sealed class RowWriter<TRow> where TRow : class
{
    private readonly Action<TRow, bool>[] _fills;

    public RowWriter(DataViewRowCursor cursor, bool ignoreMissingColumns)
    {
        var fills = new List<Action<TRow, bool>>();
        foreach (var (member, column) in Check(cursor.Schema, ignoreMissingColumns))
        {
            fills.Add((Action<TRow, bool>)typeof(RowWriter<TRow>).GetMethod(nameof(Fill), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(member.ClrType).Invoke(null, [cursor, column, member])!);
        }
        _fills = [.. fills];
    }

    /// <summary>Pairs each member of <typeparamref name="TRow"/> with its column; a missing column or a type mismatch is an error.</summary>
    public static List<(RowTypeMap<TRow>.Member Member, DataViewSchema.Column Column)> Check(DataViewSchema schema, bool ignoreMissingColumns)
    {
        var pairs = new List<(RowTypeMap<TRow>.Member, DataViewSchema.Column)>();
        foreach (var member in RowTypeMap<TRow>.Instance.Members)
        {
            if (schema.GetColumnOrNull(member.ColumnName) is not DataViewSchema.Column column)
            {
                if (ignoreMissingColumns)
                    continue;
                // ArgumentOutOfRangeException, as ML.NET throws (its DropColumns sample catches it).
                throw new ArgumentOutOfRangeException(nameof(schema), $"Member '{member.Name}' of {typeof(TRow).Name} wants column '{member.ColumnName}', which the data does not have. It has: {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}. Rename the member with [ColumnName], or mark it [NoColumn].");
            }
            if (member.ClrType != column.Type.RawType)
                throw new InvalidOperationException($"Column '{column.Name}' is {column.Type} (read as {column.Type.RawType.Name}), but member '{member.Name}' of {typeof(TRow).Name} is {member.ClrType.Name}." +
                    (column.Type is KeyDataViewType ? " Declare it as uint, or turn the key back into its value with Conversion.MapKeyToValue." : ""));
            pairs.Add((member, column));
        }
        return pairs;
    }

    /// <summary>Fills <paramref name="row"/>; with <paramref name="reuseArrays"/> a vector member's array is overwritten in place.</summary>
    public void Write(TRow row, bool reuseArrays)
    {
        foreach (var fill in _fills)
            fill(row, reuseArrays);
    }

    private static Action<TRow, bool> Fill<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column, RowTypeMap<TRow>.Member member)
    {
        var getter = cursor.GetGetter<TValue>(column);
        var read = member.Reader<TValue>();
        var write = member.Writer<TValue>();
        return (row, reuse) =>
        {
            TValue value = reuse ? read(row) : default!;
            getter(ref value);
            write(row, value);
        };
    }
}
