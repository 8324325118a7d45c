using System.Globalization;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// The schema ML.NET's <c>SaveAsText</c> writes at the top of a text file, and its
/// <c>LoadFromTextFile(path)</c> reads back when given no columns:
/// <code>
/// #@ TextLoader{
/// #@   header+
/// #@   sep=tab
/// #@   col=Label:R4:0
/// #@   col=Features:R4:1-10
/// #@ }
/// </code>
/// One writer and one strict reader: a setting the reader does not know is an error, not ignored.
/// </summary>
internal static class TextSchemaComment
{
    private const string Begin = "#@ TextLoader{";
    private const string End = "#@ }";
    private const string Prefix = "#@";
    private const int MaximumLines = 100_000;

    // ML.NET's internal kind codes, the names its schema comments use.
    private static readonly (DataKind Kind, string Code)[] Codes =
    [
        (DataKind.Single, "R4"), (DataKind.Double, "R8"), (DataKind.Int32, "I4"), (DataKind.UInt32, "U4"), (DataKind.Int64, "I8"),
        (DataKind.String, "TX"), (DataKind.Boolean, "BL"), (DataKind.TimeSpan, "TS"), (DataKind.DateTime, "DT"), (DataKind.DateTimeOffset, "DZ"),
    ];

    /// <summary>Whether <paramref name="name"/> can stand in a <c>col=</c> setting as it is.</summary>
    public static bool IsWritableName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c is ':' or '=' or '{' or '}' or '"' or '#' or ',');

    /// <summary>Writes the schema of columns laid out one after the other, as <see cref="Read"/> reads it.</summary>
    public static void Write(TextWriter writer, char separator, bool header, bool quote, bool sparse, IEnumerable<TextLoader.Column> columns)
    {
        writer.WriteLine(Begin);
        if (header)
            writer.WriteLine($"{Prefix}   header+");
        writer.WriteLine($"{Prefix}   sep={TextFormat.SeparatorName(separator)}");
        if (quote)
            writer.WriteLine($"{Prefix}   quote+");
        if (sparse)
            writer.WriteLine($"{Prefix}   sparse+");
        foreach (var column in columns)
        {
            var range = column.Source.Single();
            string source = range.Max is int max
                ? (range.ForceVector ? $"{range.Min}-{max}" : $"{range.Min}")
                : $"{range.Min}-**";
            writer.WriteLine($"{Prefix}   col={column.Name}:{Codes.Single(c => c.Kind == column.DataKind).Code}:{source}");
        }
        writer.WriteLine(End);
    }

    /// <summary>
    /// Reads the schema at the top of <paramref name="reader"/>: the format (<paramref name="format"/>
    /// with the settings the comment gives) and the columns; null when the text has no schema comment.
    /// </summary>
    public static (TextFormat Format, TextLoader.Column[] Columns)? Read(TextReader reader, string where, TextFormat format)
    {
        int lineNumber = 0;
        string? line;
        do
        {
            line = reader.ReadLine();
            lineNumber++;
        }
        while (line is not null && (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)));
        if (line is null || line.TrimEnd() != Begin)
            return null;
        var columns = new List<TextLoader.Column>();
        while (true)
        {
            line = reader.ReadLine();
            lineNumber++;
            FormatException Bad(string what) => new($"{where}, line {lineNumber}: {what}");
            if (line is null)
                throw Bad($"the schema comment that starts with '{Begin}' has no closing '{End}' line.");
            if (lineNumber > MaximumLines)
                throw Bad($"the schema comment is longer than {MaximumLines} lines.");
            if (line.TrimEnd() == End)
                break;
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
                throw Bad($"a line inside the schema comment does not start with '{Prefix}'.");
            foreach (var setting in line[Prefix.Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                format = Apply(format, setting, columns, Bad);
        }
        return (format, columns.ToArray());
    }

    private static TextFormat Apply(TextFormat format, string setting, List<TextLoader.Column> columns, Func<string, FormatException> bad)
    {
        switch (setting)
        {
            case "header+" or "header":
                return format with { HasHeader = true };
            case "header-":
                return format with { HasHeader = false };
            case "quote+" or "quote":
                return format with { AllowQuoting = true };
            case "quote-":
                return format with { AllowQuoting = false };
            case "sparse+" or "sparse":
                return format with { AllowSparse = true };
            case "sparse-":
                return format with { AllowSparse = false };
            case "trim+" or "trim":
                return format with { TrimWhitespace = true };
            case "trim-":
                return format with { TrimWhitespace = false };
        }
        int equals = setting.IndexOf('=');
        string key = equals < 0 ? setting : setting[..equals], value = equals < 0 ? "" : setting[(equals + 1)..];
        switch (key)
        {
            case "sep":
                var separators = value == "," ? [','] : value.Split(',').Select(s => TextFormat.SeparatorFromName(s) ?? throw bad($"'{s}' in '{setting}' is not a separator: use tab, space, comma, semicolon, bar, colon or one character.")).ToArray();
                return format with { Separators = separators.Length > 0 ? separators : throw bad($"'{setting}' names no separator.") };
            case "size":
                return format with { InputSize = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size <= TextFormat.MaximumFields ? size : throw bad($"'{setting}' is not a line size from 0 to {TextFormat.MaximumFields}.") };
            case "col":
                columns.Add(ParseColumn(value, setting, bad));
                return format;
            default:
                throw bad($"the schema comment's setting '{setting}' is not one this library reads (header, sep, quote, sparse, trim, size, col).");
        }
    }

    private static TextLoader.Column ParseColumn(string value, string setting, Func<string, FormatException> bad)
    {
        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0)
            throw bad($"'{setting}' is not a column: write col=Name:Kind:Fields, such as col=Features:R4:1-10.");
        var kind = DataKind.Single;
        if (parts.Length == 3)
        {
            string code = parts[1];
            if (code.Contains('['))
                throw bad($"'{setting}' is a key column; key columns are not read from text here: read the values and map them with MapValueToKey.");
            var known = Codes.Where(c => c.Code == code).Select(c => (DataKind?)c.Kind).FirstOrDefault();
            if (known is null && !code.All(char.IsDigit) && Enum.TryParse(code, out DataKind named) && Enum.IsDefined(named))
                known = named;
            kind = known ?? throw bad($"'{code}' in '{setting}' is not a column kind: use one of {string.Join(", ", Codes.Select(c => c.Code))}.");
        }
        var ranges = parts[^1].Split(',').Select(r => ParseRange(r) ?? throw bad($"'{r}' in '{setting}' is not a field range: use 3, 1-10, 1-* (to the end) or 1-** (to the end of each line).")).ToArray();
        return new TextLoader.Column(parts[0], kind, ranges);
    }

    private static TextLoader.Range? ParseRange(string text)
    {
        static bool Index(string s, out int value) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= TextFormat.MaximumFields;
        int dash = text.IndexOf('-');
        if (dash < 0)
            return Index(text, out int single) ? new TextLoader.Range(single) : null;
        if (!Index(text[..dash], out int min))
            return null;
        string rest = text[(dash + 1)..];
        if (rest is "" or "*")
            return new TextLoader.Range(min, null);
        if (rest == "**")
            return new TextLoader.Range(min, null) { AutoEnd = false, VariableEnd = true };
        return Index(rest, out int max) && max >= min ? new TextLoader.Range(min, max) : null;
    }
}
