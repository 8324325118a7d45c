using System.Globalization;
using System.Reflection;
using System.Text;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Writes a view as delimited text, as ML.NET's <c>SaveAsText</c> does: the schema comment, a header
/// row, then one line per row. Values are written as ML.NET writes them (a missing float as
/// <c>?</c>, booleans as 1 and 0, round-trip numbers and dates) and read back by the text loader
/// unchanged. Unless forced dense, a file of numbers and booleans in columns of fixed size writes rows
/// that are mostly zeros (bags of words, one-hot vectors) in ML.NET's sparse form (<see cref="TextSaverLine"/>) and
/// says so in its schema comment (<c>sparse+</c>); files with text, dates or vectors whose size
/// varies are written dense, where an <c>index:value</c> field could not be told from a value.
/// </summary>
internal static class TextSaver
{
    public const char DefaultSeparator = '\t';
    private static readonly MethodInfo MakeWriter = typeof(TextSaver).GetMethod(nameof(ValueWriter), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Save(IDataView data, Stream stream, char separator, bool headerRow, bool schema, bool forceDense)
    {
        // A separator must not occur in the values it separates: numbers, '?' (missing), quotes.
        if (char.IsLetterOrDigit(separator) || separator is '.' or '-' or '+' or '?' or '"' or '#' or '\r' or '\n')
            throw new ArgumentException($"SaveAsText: '{separator}' cannot separate fields, as values contain it; use a tab, a comma or a semicolon.");
        var columns = Layout(data.Schema, schema);
        // As ML.NET: a header row only when it names something, a scalar column or a vector's slots.
        headerRow &= data.Schema.Any(c => c.Type is not VectorDataViewType || c.Annotations.SlotNames is not null);
        bool quote = data.Schema.Any(c => c.Type.ItemType() is TextDataViewType) || (headerRow && Header(data.Schema).Any(name => NeedsQuotes(name, separator)));
        bool sparse = !forceDense && data.Schema.Any(c => c.Type is VectorDataViewType) && data.Schema.All(c =>
            c.Type is not VectorDataViewType { IsKnownSize: false } && c.Type.ItemType() is NumberDataViewType or BooleanDataViewType);

        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        if (schema)
            TextSchemaComment.Write(writer, separator, headerRow, quote, sparse, columns);
        if (headerRow)
            writer.WriteLine(string.Join(separator, Header(data.Schema).Select(name => Field(name, separator, quote))));
        using var cursor = data.GetRowCursor(data.Schema);
        var writers = data.Schema.Select(c => ((Action<TextSaverLine> Write, string Default))MakeWriter.MakeGenericMethod(c.Type.ItemType()!.RawType).Invoke(null, [cursor, c, separator, quote])!).ToArray();
        var fields = new TextSaverLine([.. writers.Select(w => w.Default)], separator);
        var line = new StringBuilder();
        while (cursor.MoveNext())
        {
            fields.Clear();
            foreach (var (write, _) in writers)
                write(fields);
            if (fields.FieldCount == 0)
                throw new InvalidOperationException($"SaveAsText: row {cursor.Position} is one empty vector, which would be an empty line, and a loader skips those; add a column or drop such rows.");
            line.Clear();
            fields.WriteTo(line, sparse);
            writer.WriteLine(line);
        }
    }

    /// <summary>Each column's place in a line, checked to be writable before anything is written.</summary>
    private static List<TextLoader.Column> Layout(DataViewSchema schema, bool withSchema)
    {
        var columns = new List<TextLoader.Column>();
        int start = 0;
        foreach (var column in schema)
        {
            var kind = DataKinds.KindOf(column.Type.ItemType()!) ?? throw new ArgumentException(
                $"SaveAsText: column '{column.Name}' holds {column.Type}, which is not written as text here. {(column.Type.ItemType() is KeyDataViewType ? "Map the keys to their values first (MapKeyToValue), or drop the column." : "Drop the column or convert it (ConvertType).")}");
            if (withSchema && !TextSchemaComment.IsWritableName(column.Name))
                throw new ArgumentException($"SaveAsText: the column name '{column.Name}' cannot be written in the schema comment (no spaces, ':', '=', ',', quotes, braces or '#'); rename it (CopyColumns) or pass schema: false.");
            if (column.Type is VectorDataViewType { IsKnownSize: false } && column.Index != schema.Count - 1)
                throw new ArgumentException($"SaveAsText: column '{column.Name}' varies in length from row to row, so only the last column may be such a vector; put it last (SelectColumns).");
            var range = column.Type is VectorDataViewType vector
                ? new TextLoader.Range(start, vector.IsKnownSize ? start + vector.Size - 1 : null) { AutoEnd = false }
                : new TextLoader.Range(start);
            columns.Add(new TextLoader.Column(column.Name, kind, [range]));
            start = checked(start + (column.Type is VectorDataViewType v ? v.Size : 1));
        }
        return columns;
    }

    /// <summary>The header fields: a scalar's column name, a vector's slot names (empty, quoted, where it has none).</summary>
    private static IEnumerable<string> Header(DataViewSchema schema) => schema.SelectMany(c => c.Type switch
    {
        VectorDataViewType { IsKnownSize: true } vector => c.Annotations.SlotNames is { } names && names.Count == vector.Size ? names : Enumerable.Repeat("", vector.Size),
        VectorDataViewType => [],
        _ => [c.Name],
    });

    /// <summary>What adds a column's values to a line, and the text of the column's default value.</summary>
    private static (Action<TextSaverLine> Write, string Default) ValueWriter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, char separator, bool quote)
    {
        Func<T, string> text = Text<T>(column, separator, quote);
        string empty = text(default!);
        if (column.Type is VectorDataViewType { ItemType: TextDataViewType })
        {
            var readText = cursor.GetGetter<T[]>(column);
            T[] texts = [];
            return (line =>
            {
                readText(ref texts);
                for (int i = 0; i < texts.Length; i++)
                    line.Add(i, text(texts[i]));
                line.EndColumn(texts.Length);
            }, empty);
        }
        if (column.Type is VectorDataViewType)
        {
            // Read as a VBuffer, so a sparse row is visited by its explicit values only.
            var read = cursor.GetGetter<VBuffer<T>>(column);
            VBuffer<T> vector = default;
            return (line =>
            {
                read(ref vector);
                var values = vector.GetValues();
                var indices = vector.GetIndices();
                for (int i = 0; i < values.Length; i++)
                    line.Add(vector.IsDense ? i : indices[i], text(values[i]));
                line.EndColumn(vector.Length);
            }, empty);
        }
        var readOne = cursor.GetGetter<T>(column);
        T value = default!;
        return (line =>
        {
            readOne(ref value);
            line.Add(0, text(value));
            line.EndColumn(1);
        }, empty);
    }

    private static Func<T, string> Text<T>(DataViewSchema.Column column, char separator, bool quote)
    {
        var invariant = CultureInfo.InvariantCulture;
        object format = typeof(T) switch
        {
            var t when t == typeof(float) => (Func<float, string>)(f => float.IsNaN(f) ? "?" : f.ToString("R", invariant)),
            var t when t == typeof(double) => (Func<double, string>)(d => double.IsNaN(d) ? "?" : d.ToString("R", invariant)),
            var t when t == typeof(bool) => (Func<bool, string>)(b => b ? "1" : "0"),
            var t when t == typeof(DateTime) => (Func<DateTime, string>)(d => d.ToString("o", invariant)),
            var t when t == typeof(DateTimeOffset) => (Func<DateTimeOffset, string>)(d => d.ToString("o", invariant)),
            var t when t == typeof(TimeSpan) => (Func<TimeSpan, string>)(s => s.ToString("c", invariant)),
            var t when t == typeof(string) => (Func<string, string>)(s => Field(s ?? "", separator, quote, column.Name)),
            var t when t == typeof(int) => (Func<int, string>)(i => i.ToString(invariant)),
            var t when t == typeof(uint) => (Func<uint, string>)(u => u.ToString(invariant)),
            var t when t == typeof(long) => (Func<long, string>)(l => l.ToString(invariant)),
            _ => throw new ArgumentOutOfRangeException(nameof(column), $"SaveAsText: column '{column.Name}' holds {typeof(T).Name} values, which are not written as text."),
        };
        return (Func<T, string>)format;
    }

    private static bool NeedsQuotes(string text, char separator) =>
        text.Length == 0 || text.Contains(separator) || text.Contains('"') || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])
        || text[0] == '#' || text.StartsWith("//", StringComparison.Ordinal);

    /// <summary>Text as one field: quoted (quotes doubled) where it would otherwise not read back the same.</summary>
    private static string Field(string text, char separator, bool quote, string? column = null)
    {
        if (text.Contains('\n') || text.Contains('\r'))
            throw new InvalidOperationException($"SaveAsText: {(column is null ? "a header name" : $"a value of column '{column}'")} holds a line break, which a line of text cannot; replace line breaks first.");
        if (!NeedsQuotes(text, separator))
            return text;
        if (!quote)
            throw new InvalidOperationException($"SaveAsText: the header name '{text}' holds the separator or a quote; rename the column.");
        return $"\"{text.Replace("\"", "\"\"")}\"";
    }
}
