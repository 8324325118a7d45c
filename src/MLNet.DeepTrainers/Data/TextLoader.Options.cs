namespace MLNet.DeepTrainers.Data;

public sealed partial class TextLoader
{
    /// <summary>How a <see cref="TextLoader"/> reads its files, with ML.NET's names and defaults.</summary>
    public sealed class Options
    {
        /// <summary>
        /// The columns. When none are given, the schema comes from a data file written by
        /// <c>SaveAsText</c> (its <c>#@ TextLoader{</c> lines), or else is ML.NET's default:
        /// <c>Label</c> from field 0 and <c>Features</c> from the rest.
        /// </summary>
        public Column[]? Columns { get; set; }

        /// <summary>The characters that separate fields.</summary>
        public char[] Separators { get; set; } = [Defaults.Separator];

        /// <summary>Whether the first line (after any <c>#</c> comments) names the fields; it gives a vector's slot names.</summary>
        public bool HasHeader { get; set; }

        /// <summary>Whether a field may be "quoted", so that it can hold separators ("" is a quote inside).</summary>
        public bool AllowQuoting { get; set; }

        /// <summary>Whether fields are trimmed of surrounding white space.</summary>
        public bool TrimWhitespace { get; set; }

        /// <summary>
        /// Whether lines may end sparsely, as ML.NET writes them: dense fields, then the number of
        /// sparse fields, then <c>index:value</c> pairs (indices from the start of the sparse part);
        /// the fields not listed are 0 (empty text, false).
        /// </summary>
        public bool AllowSparse { get; set; }

        /// <summary>The number of fields of every line, for sparse lines that do not give their own length.</summary>
        public int? InputSize { get; set; }

        /// <summary>
        /// Whether a line that ends before a floating-point column's field gives that field NaN. Without it
        /// such a line is an error (ML.NET would read 0). An empty floating-point field is NaN either way.
        /// </summary>
        public bool MissingRealsAsNaNs { get; set; }
    }

    internal static class Defaults
    {
        public const char Separator = '\t';
    }
}
