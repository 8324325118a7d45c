namespace MLNet.DeepTrainers;

/// <summary>
/// A trainer's columns read once, by one cursor, into contiguous arrays: features row after row (or,
/// for data that is mostly zeros, their stored values: <see cref="SparseRows"/>), the targets (one per
/// row, a class index for multiclass, or one per label of a multi-label set) and optional example weights. Every value is checked on the
/// way in, and a bad one is named by column, row and slot.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData(int rows, int width, float[]? features, SparseRows? sparseFeatures, int targetWidth, float[] targets, float[]? weights)
    {
        Rows = rows;
        Width = width;
        TargetWidth = targetWidth;
        Features = features;
        SparseFeatures = sparseFeatures;
        Targets = targets;
        Weights = weights;
    }

    public int Rows { get; }

    /// <summary>Values per row.</summary>
    public int Width { get; }

    /// <summary>The features dense, row after row; null when they are held sparse.</summary>
    public float[]? Features { get; }

    /// <summary>The features when the data is mostly zeros (see <see cref="FeatureRowsBuilder"/>); null when they are dense.</summary>
    public SparseRows? SparseFeatures { get; }

    /// <summary>Targets per row: 1, or one per label of a multi-label set.</summary>
    public int TargetWidth { get; }

    /// <summary>The targets, row after row.</summary>
    public float[] Targets { get; }

    public float[]? Weights { get; }

    /// <summary>Reads the rows of <paramref name="data"/>: the feature column <paramref name="column"/> as <paramref name="features"/> says, the label as <paramref name="task"/> says, and the weights.</summary>
    public static TrainingData Read(IDataView data, DataViewSchema.Column column, FeatureColumn features, DataViewSchema.Column label, DataViewSchema.Column? weight, LearningTask task, string user)
    {
        var columns = new List<DataViewSchema.Column> { column, label };
        if (weight is DataViewSchema.Column w)
            columns.Add(w);
        using var cursor = data.GetRowCursor(columns);
        var readFeatures = new FeatureRowReader(cursor, column, features, user);
        var readTarget = task.LabelReader(cursor, label, user);
        int targetWidth = task.TargetWidth(label);
        var readWeight = weight is DataViewSchema.Column wc ? WeightReader(cursor, wc, user) : null;
        long maxRows = Array.MaxLength / Math.Max(targetWidth, 1);
        var x = new FeatureRowsBuilder(features.Width, features.Name, user);
        var y = new float[Math.Min(1024L * targetWidth, Array.MaxLength)];
        var weights = readWeight is null ? null : new float[1024];
        int rows = 0;
        while (cursor.MoveNext())
        {
            if (rows >= maxRows)
                throw new InvalidOperationException($"{user}: the training data has more than {maxRows} rows of {targetWidth} labels, more than one array holds. Train on a sample.");
            ref readonly var values = ref readFeatures.Read();
            CheckFinite(values, rows, features.Name, user);
            x.Add(values);
            if ((rows + 1) * targetWidth > y.Length)
            {
                Array.Resize(ref y, (int)Math.Min(2L * y.Length, Array.MaxLength));
                if (weights is not null)
                    Array.Resize(ref weights, y.Length / targetWidth);
            }
            readTarget(rows, y.AsSpan(rows * targetWidth, targetWidth));
            if (weights is not null)
                weights[rows] = readWeight!(rows);
            rows++;
        }
        if (rows == 0)
            throw new InvalidOperationException($"{user}: the training data has no rows.");
        var (dense, sparse) = x.Build();
        Array.Resize(ref y, rows * targetWidth);
        if (weights is not null)
            Array.Resize(ref weights, rows);
        return new TrainingData(rows, features.Width, dense, sparse, targetWidth, y, weights);
    }

    private static void CheckFinite(in VBuffer<float> row, int index, string column, string user)
    {
        var values = row.GetValues();
        int bad = values.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (bad >= 0)
            throw new InvalidOperationException($"{user}: row {index} of the feature column '{column}' has {values[bad]} in slot {(row.IsDense ? bad : row.GetIndices()[bad])}; features must be finite numbers. " +
                "Replace missing values first (ml.Transforms.ReplaceMissingValues) or filter such rows (ml.Data.FilterRowsByMissingValues).");
    }

    private static Func<long, float> WeightReader(DataViewRow cursor, DataViewSchema.Column weight, string user)
    {
        var read = cursor.GetGetter<float>(weight);
        float value = 0;
        return row =>
        {
            read(ref value);
            if (!(value >= 0) || !float.IsFinite(value))
                throw new InvalidOperationException($"{user}: row {row} of the example weight column '{weight.Name}' is {value}; weights must be finite and not negative.");
            return value;
        };
    }

    /// <summary>The last <paramref name="fraction"/> of the rows held out for validation, before any shuffling, as Keras's validation_split.</summary>
    public (TrainingData Train, TrainingData Validation) SplitTail(double fraction, string user)
    {
        int held = (int)(Rows * fraction);
        if (held == 0 || held == Rows)
            throw new ArgumentException($"{user}: a validation fraction of {fraction} of {Rows} rows holds out {held}; each part needs at least one row.");
        return (Slice(0, Rows - held), Slice(Rows - held, held));
    }

    private TrainingData Slice(int start, int rows) => new(rows, Width,
        Features?.AsSpan(start * Width, rows * Width).ToArray(), SparseFeatures?.Slice(start, rows),
        TargetWidth, Targets.AsSpan(start * TargetWidth, rows * TargetWidth).ToArray(), Weights?.AsSpan(start, rows).ToArray());

    /// <summary>This data with each example's weight multiplied by its class's weight (Keras's class_weight).</summary>
    public TrainingData WithClassWeights(float[]? classWeights)
    {
        if (classWeights is null)
            return this;
        var weights = new float[Rows];
        for (int i = 0; i < Rows; i++)
            weights[i] = (Weights?[i] ?? 1) * classWeights[(int)Targets[i]];
        return new TrainingData(Rows, Width, Features, SparseFeatures, TargetWidth, Targets, weights);
    }
}
