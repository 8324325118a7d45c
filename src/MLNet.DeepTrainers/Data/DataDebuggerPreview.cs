using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers.Data;

/// <summary>The first rows of a view, materialised for looking at in a debugger or printing.</summary>
public sealed class DataDebuggerPreview
{
    internal DataDebuggerPreview(IDataView data, int maxRows)
    {
        Schema = data.Schema;
        var rows = new List<object?[]>();
        using (var cursor = data.GetRowCursor(data.Schema))
        {
            var getters = data.Schema.Select(c => BoxedGetter.For(cursor, c)).ToArray();
            while (rows.Count < maxRows && cursor.MoveNext())
                rows.Add(getters.Select(g => g()).ToArray());
        }
        RowView = rows.Select(r => new RowInfo(Schema.Select((c, i) => new KeyValuePair<string, object?>(c.Name, r[i])).ToArray())).ToImmutableArray();
        ColumnView = Schema.Select(c => new ColumnInfo(c, rows.Select(r => r[c.Index]).ToArray())).ToImmutableArray();
    }

    /// <summary>The schema of the previewed view.</summary>
    public DataViewSchema Schema { get; }

    /// <summary>The values column by column.</summary>
    public ImmutableArray<ColumnInfo> ColumnView { get; }

    /// <summary>The values row by row.</summary>
    public ImmutableArray<RowInfo> RowView { get; }

    /// <summary>A text table of the previewed rows.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(" | ", Schema.Select(c => c.Name)));
        foreach (var row in RowView)
            text.AppendLine(string.Join(" | ", row.Values.Select(v => Format(v.Value))));
        return text.ToString();
    }

    internal static string Format(object? value) => value switch
    {
        null => "",
        float[] v => "[" + string.Join(", ", v.Take(8).Select(x => x.ToString("G6", CultureInfo.InvariantCulture))) + (v.Length > 8 ? $", ... ({v.Length})" : "") + "]",
        Array a => "[" + string.Join(", ", a.Cast<object?>().Take(8).Select(Format)) + (a.Length > 8 ? $", ... ({a.Length})" : "") + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>One column's previewed values.</summary>
    public sealed class ColumnInfo(DataViewSchema.Column column, object?[] values)
    {
        /// <summary>The column.</summary>
        public DataViewSchema.Column Column { get; } = column;

        /// <summary>Its values, one per previewed row.</summary>
        public object?[] Values { get; } = values;
    }

    /// <summary>One previewed row.</summary>
    public sealed class RowInfo(KeyValuePair<string, object?>[] values)
    {
        /// <summary>Column name and value pairs.</summary>
        public KeyValuePair<string, object?>[] Values { get; } = values;

        /// <inheritdoc />
        public override string ToString() => string.Join(", ", Values.Select(v => $"{v.Key}: {Format(v.Value)}"));
    }
}
