using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers;

/// <summary>
/// <c>ml.Data</c>'s text files, with ML.NET's names and defaults (its <c>TextLoaderSaverCatalog</c>):
/// loaders from columns, options or a row class, loading a file, and saving a view as text that
/// <see cref="LoadFromTextFile(DataOperationsCatalog, string, TextLoader.Options?)"/> reads back.
/// </summary>
public static class TextLoaderSaverCatalog
{
    /// <summary>A loader of <paramref name="columns"/> from files of this layout.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="columns">The columns and the fields that fill them.</param>
    /// <param name="separatorChar">The field separator.</param>
    /// <param name="hasHeader">Whether the first line names the fields (it gives a vector's slot names, read from <paramref name="dataSample"/>).</param>
    /// <param name="dataSample">A file of the layout: it gives the width of a range to the end of the line, and slot names.</param>
    /// <param name="allowQuoting">Whether a field may be "quoted" to hold separators.</param>
    /// <param name="trimWhitespace">Whether fields are trimmed of surrounding white space.</param>
    /// <param name="allowSparse">Whether lines may end in ML.NET's sparse form (see <see cref="TextLoader.Options.AllowSparse"/>).</param>
    public static TextLoader CreateTextLoader(this DataOperationsCatalog catalog, TextLoader.Column[] columns, char separatorChar = TextLoader.Defaults.Separator,
        bool hasHeader = false, IMultiStreamSource? dataSample = null, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return TextLoader.FromOptions(Options(columns, separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse), dataSample);
    }

    /// <summary>A loader from <paramref name="options"/>; without columns, the schema a <c>SaveAsText</c> file carries (read from <paramref name="dataSample"/>).</summary>
    public static TextLoader CreateTextLoader(this DataOperationsCatalog catalog, TextLoader.Options options, IMultiStreamSource? dataSample = null) =>
        TextLoader.FromOptions(options, dataSample);

    /// <summary>A loader of <typeparamref name="TInput"/>'s members, each placed by its <c>[LoadColumn]</c>; with a header, <paramref name="dataSample"/> names a vector's slots.</summary>
    public static TextLoader CreateTextLoader<TInput>(this DataOperationsCatalog catalog, char separatorChar = TextLoader.Defaults.Separator, bool hasHeader = false,
        IMultiStreamSource? dataSample = null, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false) where TInput : class =>
        TextLoader.ForRowType<TInput>(TextLoader.FormatOf(Options([], separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse)), dataSample);

    /// <summary>A loader of <typeparamref name="TInput"/>'s members with the format of <paramref name="options"/> (whose columns must be empty).</summary>
    public static TextLoader CreateTextLoader<TInput>(this DataOperationsCatalog catalog, TextLoader.Options options, IMultiStreamSource? dataSample = null) where TInput : class =>
        TextLoader.ForRowType<TInput>(FormatOf<TInput>(options), dataSample);

    /// <summary>The file at <paramref name="path"/> (a file name may hold <c>*</c> and <c>?</c>) read as <paramref name="columns"/>; it is its own data sample.</summary>
    public static IDataView LoadFromTextFile(this DataOperationsCatalog catalog, string path, TextLoader.Column[] columns, char separatorChar = TextLoader.Defaults.Separator,
        bool hasHeader = false, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var source = new MultiFileSource(path);
        return TextLoader.FromOptions(Options(columns, separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse), source).Load(source);
    }

    /// <summary>
    /// The file at <paramref name="path"/> read with <paramref name="options"/>; without columns, with
    /// the schema a <c>SaveAsText</c> file carries at its top.
    /// </summary>
    public static IDataView LoadFromTextFile(this DataOperationsCatalog catalog, string path, TextLoader.Options? options = null)
    {
        var source = new MultiFileSource(path);
        return TextLoader.FromOptions(options ?? new TextLoader.Options(), source).Load(source);
    }

    /// <summary>
    /// A delimited text file as a view whose columns are <typeparamref name="TInput"/>'s members, each
    /// placed by <c>[LoadColumn]</c>. The file is streamed, not loaded: each read opens it again.
    /// </summary>
    public static IDataView LoadFromTextFile<TInput>(this DataOperationsCatalog catalog, string path, char separatorChar = TextLoader.Defaults.Separator,
        bool hasHeader = false, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false) where TInput : class =>
        catalog.CreateTextLoader<TInput>(separatorChar, hasHeader, null, allowQuoting, trimWhitespace, allowSparse).Load(path);

    /// <summary>The file at <paramref name="path"/> as <typeparamref name="TInput"/>'s columns, in the format of <paramref name="options"/>.</summary>
    public static IDataView LoadFromTextFile<TInput>(this DataOperationsCatalog catalog, string path, TextLoader.Options options) where TInput : class =>
        catalog.CreateTextLoader<TInput>(options).Load(path);

    /// <summary>
    /// Writes <paramref name="data"/> as delimited text: ML.NET's schema comment (so
    /// <c>LoadFromTextFile(path)</c> reads it back with its columns), a header row of column and slot
    /// names, and one line per row, every value written so that it reads back the same. A file of
    /// numbers and booleans (vectors of fixed size) writes mostly-zero rows in ML.NET's sparse form and
    /// says <c>sparse+</c> in its schema comment; key columns are refused (map them to their values first).
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="data">The data to write.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="separatorChar">The field separator.</param>
    /// <param name="headerRow">Whether to write the header row.</param>
    /// <param name="schema">Whether to write the schema comment.</param>
    /// <param name="keepHidden">Kept for ML.NET's signature: views here have no hidden columns.</param>
    /// <param name="forceDense">Whether every line is written dense, as for a reader without sparse lines.</param>
    public static void SaveAsText(this DataOperationsCatalog catalog, IDataView data, Stream stream, char separatorChar = TextSaver.DefaultSeparator,
        bool headerRow = true, bool schema = true, bool keepHidden = false, bool forceDense = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stream);
        TextSaver.Save(data, stream, separatorChar, headerRow, schema, forceDense);
    }

    private static TextLoader.Options Options(TextLoader.Column[] columns, char separator, bool hasHeader, bool allowQuoting, bool trimWhitespace, bool allowSparse) => new()
    {
        Columns = columns,
        Separators = [separator],
        HasHeader = hasHeader,
        AllowQuoting = allowQuoting,
        TrimWhitespace = trimWhitespace,
        AllowSparse = allowSparse,
    };

    private static TextFormat FormatOf<TInput>(TextLoader.Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Columns is { Length: > 0 })
            throw new ArgumentException($"The columns come from {typeof(TInput).Name}'s [LoadColumn] members; leave Options.Columns empty.");
        return TextLoader.FormatOf(options);
    }
}
