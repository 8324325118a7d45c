namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Reads delimited text files as a data view (ML.NET's <c>TextLoader</c>): made by
/// <c>ml.Data.CreateTextLoader</c>, it knows its columns and format, and <see cref="Load(string[])"/>
/// gives a view over any files of that layout. Reading streams the files, so they may be larger than memory.
/// </summary>
public sealed partial class TextLoader
{
    private readonly TextFormat _format;
    private readonly TextColumn[] _columns;
    private readonly DataViewSchema _schema;
    private readonly string _rowsOf;

    private TextLoader(TextFormat format, TextColumn[] columns, string rowsOf)
    {
        _format = format.Checked();
        _columns = columns;
        _rowsOf = rowsOf;
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"The text loader has two columns named '{duplicate.Key}'; give each column its own name.");
        _schema = new DataViewSchema(columns.Select(c => (c.Name, c.Type, c.SlotNames is null ? null : new DataViewSchema.Annotations(null, c.SlotNames))));
    }

    /// <summary>
    /// A loader from ML.NET-style options. Without columns, the schema is the one a <c>SaveAsText</c>
    /// file carries at its top (read from <paramref name="dataSample"/>), or ML.NET's default: a
    /// Single <c>Label</c> from field 0 and a Single vector <c>Features</c> from the rest.
    /// <paramref name="dataSample"/> also gives the width of a range to the end of the line and, with
    /// a header, the vectors' slot names.
    /// </summary>
    internal static TextLoader FromOptions(Options options, IMultiStreamSource? dataSample)
    {
        var format = FormatOf(options);
        if (options.Columns is { Length: > 0 } columns)
            return Create(format, columns, dataSample);
        var embedded = dataSample is { Count: > 0 } ? ReadSchemaComment(dataSample, format) : null;
        if (embedded is null)
            return Create(format, [new Column("Label", DataKind.Single, 0), new Column("Features", DataKind.Single, [new Range(1, null)])], dataSample);
        try
        {
            return Create(embedded.Value.Format, embedded.Value.Columns, dataSample);
        }
        catch (ArgumentException e)
        {
            // Columns a file describes are the file's fault, reported as a bad file.
            throw new FormatException($"{dataSample!.GetPathOrNull(0) ?? "the data sample"}: its schema comment describes columns that cannot be read: {e.Message}", e);
        }
    }

    private static TextLoader Create(TextFormat format, Column[] columns, IMultiStreamSource? dataSample)
    {
        var sample = new Lazy<SampleLines>(() => SampleLines.Read(dataSample, format));
        return new TextLoader(format, columns.Select(c => Resolve(c, sample)).ToArray(), "the loader's columns");
    }

    /// <summary>
    /// A loader of <typeparamref name="TRow"/>'s members, each placed by its <c>[LoadColumn]</c>; with a
    /// header, <paramref name="dataSample"/> names the slots of its vectors.
    /// </summary>
    internal static TextLoader ForRowType<TRow>(TextFormat format, IMultiStreamSource? dataSample = null) where TRow : class
    {
        var sample = new Lazy<SampleLines>(() => SampleLines.Read(dataSample, format));
        var columns = RowTypeMap<TRow>.Instance.Members.Select(m =>
        {
            var load = m.Load ?? throw new InvalidOperationException($"Member '{m.Name}' of {typeof(TRow).Name} has no [LoadColumn(index)]: say which field of the file fills it, or mark it [NoColumn].");
            int width = load.End - load.Start + 1;
            var type = m.ClrType.IsArray ? m.ColumnType(width)
                : width == 1 ? m.ColumnType()
                : throw new InvalidOperationException($"Member '{m.Name}' of {typeof(TRow).Name} reads fields {load.Start} to {load.End}; a range needs an array member.");
            TextSegment[] segments = [new TextSegment(load.Start, load.End + 1)];
            return new TextColumn(m.ColumnName, type, segments, type is VectorDataViewType { IsKnownSize: true } ? sample.Value.SlotNames(segments) : null);
        }).ToArray();
        return new TextLoader(format, columns, $"the columns of {typeof(TRow).Name}");
    }

    /// <summary>The format <paramref name="options"/> give (their columns aside).</summary>
    internal static TextFormat FormatOf(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TextFormat([.. options.Separators ?? []], options.HasHeader, options.AllowQuoting, options.TrimWhitespace, options.AllowSparse,
            options.InputSize, options.MissingRealsAsNaNs);
    }

    /// <summary>The files at <paramref name="paths"/> (a file name may hold <c>*</c> and <c>?</c>), read one after the other.</summary>
    public IDataView Load(params string[] paths) => Load(new MultiFileSource(paths));

    /// <summary>The sources of <paramref name="input"/>, read one after the other.</summary>
    public IDataView Load(IMultiStreamSource input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new TextLoaderView(input, _format, _columns, _schema, _rowsOf);
    }

    /// <summary>The schema of the views this loader gives.</summary>
    public DataViewSchema GetOutputSchema() => _schema;

    private static (TextFormat Format, Column[] Columns)? ReadSchemaComment(IMultiStreamSource sample, TextFormat format)
    {
        using var reader = sample.OpenTextReader(0);
        return TextSchemaComment.Read(reader, sample.GetPathOrNull(0) ?? "the data sample", format);
    }

    private static TextColumn Resolve(Column column, Lazy<SampleLines> sample)
    {
        ArgumentNullException.ThrowIfNull(column);
        string name = string.IsNullOrEmpty(column.Name) ? throw new ArgumentException("A text loader column needs a name.") : column.Name;
        if (column.Source is not { Length: > 0 } ranges)
            throw new ArgumentException($"Text loader column '{name}' reads no fields: give it a field index or a Range.");
        var item = DataKinds.TypeOf(column.DataKind);
        var segments = new TextSegment[ranges.Length];
        for (int i = 0; i < ranges.Length; i++)
        {
            var range = ranges[i] ?? throw new ArgumentException($"Text loader column '{name}' has a null Range.");
            if (range.Min is < 0 or > TextFormat.MaximumFields || range.Max < range.Min || range.Max > TextFormat.MaximumFields)
                throw new ArgumentOutOfRangeException(nameof(column), $"Text loader column '{name}' reads fields {range.Min} to {range.Max}, which is not a range of field indices from 0 to {TextFormat.MaximumFields}.");
            segments[i] = range.Max is int max ? new TextSegment(range.Min, max + 1)
                : range.AutoEnd ? new TextSegment(range.Min, sample.Value.FieldsAfter(range.Min, name))
                : range.VariableEnd ? (i == ranges.Length - 1 ? new TextSegment(range.Min, null) : throw new ArgumentException($"Text loader column '{name}': only its last range can read to the end of each line."))
                : new TextSegment(range.Min, range.Min + 1);
        }
        bool vector = ranges.Length > 1 || ranges[0].ForceVector || segments[0].Lim != segments[0].Min + 1;
        if (!vector)
            return new TextColumn(name, item, segments);
        bool variable = segments.Any(s => s.Lim is null);
        long width = segments.Sum(s => (long)((s.Lim ?? s.Min) - s.Min));
        if (width > TextFormat.MaximumFields)
            throw new ArgumentOutOfRangeException(nameof(column), $"Text loader column '{name}' reads {width} fields, more than {TextFormat.MaximumFields}.");
        var slotNames = variable ? null : sample.Value.SlotNames(segments);
        return new TextColumn(name, new VectorDataViewType(item, variable ? 0 : (int)width), segments, slotNames);
    }
}
