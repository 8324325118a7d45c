namespace MLNet.DeepTrainers;

/// <summary><c>ml.Data</c>: loading, saving to objects, splitting, shuffling and caching data.</summary>
public sealed class DataOperationsCatalog
{
    private readonly MLContext _context;

    internal DataOperationsCatalog(MLContext context) => _context = context;

    /// <summary>A lazy view over <paramref name="data"/>: one column per public field or property of <typeparamref name="TRow"/>.</summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        return new EnumerableDataView<TRow>(data);
    }

    /// <summary>
    /// A lazy view over <paramref name="data"/> whose columns are those of <paramref name="schemaDefinition"/>
    /// (start from <see cref="SchemaDefinition.Create"/> and change a name or a vector's size).
    /// </summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, SchemaDefinition schemaDefinition) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schemaDefinition);
        return new EnumerableDataView<TRow>(data, schemaDefinition);
    }

    /// <summary>The rows of <paramref name="data"/> as objects, read lazily as the sequence is enumerated.</summary>
    /// <param name="data">The data to read.</param>
    /// <param name="reuseRowObject">Whether every row is written into the same object (faster; copy what you keep).</param>
    /// <param name="ignoreMissingColumns">Whether members without a matching column are left alone rather than an error.</param>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false) where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        // As in ML.NET, a member without a column (or of the wrong type) fails here, not at the first read.
        RowWriter<TRow>.Check(data.Schema, ignoreMissingColumns);
        return Rows<TRow>(data, reuseRowObject, ignoreMissingColumns);
    }

    private static IEnumerable<TRow> Rows<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns) where TRow : class, new()
    {
        using var cursor = data.GetRowCursor(data.Schema);
        var writer = new RowWriter<TRow>(cursor, ignoreMissingColumns);
        TRow? shared = reuseRowObject ? new TRow() : null;
        while (cursor.MoveNext())
        {
            var row = shared ?? new TRow();
            writer.Write(row, reuseArrays: shared is not null);
            yield return row;
        }
    }

    /// <summary>
    /// Splits rows at random into a training and a test set, as ML.NET does: each row gets a place in
    /// [0, 1] and those below <paramref name="testFraction"/> are the test set. Rows of equal
    /// <paramref name="samplingKeyColumnName"/> value stay together; a numeric key is min-max scaled,
    /// so even a few groups split, and a key of another type is hashed. The split streams and repeats
    /// exactly for a seed.
    /// </summary>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be between 0 and 1, both excluded.");
        var place = SplitKey.For(data, samplingKeyColumnName, seed ?? _context.NextSeed(), "Data.TrainTestSplit");
        return new TrainTestData(
            new RowFilterView(data, c => { var u = place(c); return () => !(u() < testFraction); }),
            new RowFilterView(data, c => { var u = place(c); return () => u() < testFraction; }));
    }

    /// <summary>
    /// Splits rows into <paramref name="numberOfFolds"/> folds as ML.NET does: fold i's test set is the rows
    /// placed in [i/k, (i+1)/k] (see TrainTestSplit for how rows are placed), its training set the others.
    /// </summary>
    public IReadOnlyList<TrainTestData> CrossValidationSplit(IDataView data, int numberOfFolds = 5, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (numberOfFolds < 2)
            throw new ArgumentOutOfRangeException(nameof(numberOfFolds), numberOfFolds, "Cross-validation needs at least 2 folds.");
        var place = SplitKey.For(data, samplingKeyColumnName, seed ?? _context.NextSeed(), "Data.CrossValidationSplit");
        bool InFold(double u, int fold) => u >= (double)fold / numberOfFolds && u <= (double)(fold + 1) / numberOfFolds;
        return Enumerable.Range(0, numberOfFolds).Select(fold => new TrainTestData(
            new RowFilterView(data, c => { var u = place(c); return () => !InFold(u(), fold); }),
            new RowFilterView(data, c => { var u = place(c); return () => InFold(u(), fold); }))).ToArray();
    }

    /// <summary>
    /// A bootstrap sample of <paramref name="input"/>, streamed as ML.NET's: each row repeated a
    /// Poisson(1) number of times (so about 63% of the rows, some several times); with
    /// <paramref name="complement"/>, the rows left out of that sample (out of bag), each once.
    /// The same <paramref name="seed"/> gives the same sample and its complement.
    /// </summary>
    public IDataView BootstrapSample(IDataView input, int? seed = null, bool complement = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BootstrapSampleView(input, seed ?? _context.NextSeed(), complement);
    }

    /// <summary>The rows in a random order (a seeded permutation). The data is read into memory once, when first needed.</summary>
    public IDataView ShuffleRows(IDataView input, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        int s = seed ?? _context.NextSeed();
        return new LazyDataView(input.Schema, () =>
        {
            var rows = ColumnarDataView.Materialize(input);
            var order = Enumerable.Range(0, (int)rows.GetRowCount()!.Value).ToArray();
            new Random(s).Shuffle(order);
            return rows.WithOrder(order);
        });
    }

    /// <summary>A view that reads <paramref name="input"/> into memory the first time it is read, and from memory after.</summary>
    public IDataView Cache(IDataView input, params string[] columnsToPrefetch)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new LazyDataView(input.Schema, () => ColumnarDataView.Materialize(input));
    }

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public IDataView TakeRows(IDataView input, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new RowRangeView(input, 0, count);
    }

    /// <summary>All rows but the first <paramref name="count"/>.</summary>
    public IDataView SkipRows(IDataView input, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new RowRangeView(input, count, long.MaxValue);
    }

    /// <summary>
    /// The rows whose <paramref name="columnName"/> value lies in [<paramref name="lowerBound"/>,
    /// <paramref name="upperBound"/>), as in ML.NET: a Single or Double column; NaN lies in no range.
    /// </summary>
    public IDataView FilterRowsByColumn(IDataView input, string columnName, double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = input.Schema.GetColumnOrNull(columnName) ?? throw input.Schema.MissingColumn(columnName, "FilterRowsByColumn");
        if (!column.Type.Equals(NumberDataViewType.Single) && !column.Type.Equals(NumberDataViewType.Double))
            throw new ArgumentOutOfRangeException(nameof(columnName), $"FilterRowsByColumn: column '{columnName}' is {column.Type}; it must be Single or Double (use Conversion.ConvertType first).");
        if (!(lowerBound < upperBound))
            throw new ArgumentOutOfRangeException(nameof(lowerBound), $"FilterRowsByColumn: the lower bound {lowerBound} must be below the upper bound {upperBound}.");
        return new RowFilterView(input, cursor =>
        {
            var value = CursorValues.AsDouble(cursor, column);
            return () => value() is var v && v >= lowerBound && v < upperBound;
        });
    }

    /// <summary>The rows with no missing value (NaN, in any slot of a vector) in the named Single or Double columns, as in ML.NET.</summary>
    public IDataView FilterRowsByMissingValues(IDataView input, params string[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (columnNames is null || columnNames.Length == 0)
            throw new ArgumentException("FilterRowsByMissingValues: name at least one column.", nameof(columnNames));
        var columns = columnNames.Select(name => input.Schema.GetColumnOrNull(name) ?? throw input.Schema.MissingColumn(name, "FilterRowsByMissingValues")).ToArray();
        foreach (var column in columns)
            MissingValues.ItemType(column, "FilterRowsByMissingValues");
        return new RowFilterView(input, cursor =>
        {
            var reads = columns.Select(column => CursorValues.AsDoubles(cursor, column)).ToArray();
            return () =>
            {
                foreach (var read in reads)
                {
                    foreach (double v in read())
                    {
                        if (double.IsNaN(v))
                            return false;
                    }
                }
                return true;
            };
        });
    }

    /// <summary>A split of one data view into a training part and a test part.</summary>
    public sealed class TrainTestData
    {
        internal TrainTestData(IDataView trainSet, IDataView testSet)
        {
            TrainSet = trainSet;
            TestSet = testSet;
        }

        /// <summary>The rows to train on.</summary>
        public IDataView TrainSet { get; }

        /// <summary>The rows held out for testing.</summary>
        public IDataView TestSet { get; }
    }
}
