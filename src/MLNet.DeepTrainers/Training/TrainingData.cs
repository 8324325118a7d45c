namespace MLNet.DeepTrainers;

/// <summary>
/// A trainer's columns read once, by one cursor, into contiguous arrays: features row after row,
/// one float target per row (a class index for classification) and optional example weights.
/// Every value is checked on the way in, and a bad one is named by column, row and slot.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData(int rows, int width, float[] features, int targetWidth, float[] targets, float[]? weights)
    {
        Rows = rows;
        Width = width;
        TargetWidth = targetWidth;
        Features = features;
        Targets = targets;
        Weights = weights;
    }

    public int Rows { get; }

    /// <summary>Values per row.</summary>
    public int Width { get; }

    public float[] Features { get; }

    /// <summary>Targets per row: 1, or one per label of a multi-label set.</summary>
    public int TargetWidth { get; }

    /// <summary>The targets, row after row.</summary>
    public float[] Targets { get; }

    public float[]? Weights { get; }

    /// <summary>The shape of one example: the feature column's dimensions when it has several (an image), else its size.</summary>
    public static int[] ShapeOf(DataViewSchema.Column features) => features.Type switch
    {
        VectorDataViewType { Dimensions.Length: > 1 } vector => [.. vector.Dimensions],
        VectorDataViewType vector => [vector.Size],
        _ => [1],
    };

    /// <summary>Checks the feature column is a Single scalar or a known-size Single vector.</summary>
    public static void CheckFeatures(DataViewSchema.Column features, string user)
    {
        bool ok = features.Type == NumberDataViewType.Single
            || features.Type is VectorDataViewType { IsKnownSize: true, ItemType: var item } && item == NumberDataViewType.Single;
        if (!ok)
            throw new ArgumentException($"{user}: the feature column '{features.Name}' is {features.Type}, but a known-size vector of Single is needed. " +
                "Build it with ml.Transforms.Concatenate(\"Features\", ...) from Single columns (ml.Transforms.Conversion.ConvertType converts others).");
    }

    public static TrainingData Read(IDataView data, DataViewSchema.Column features, DataViewSchema.Column label, DataViewSchema.Column? weight, LearningTask task, string user)
    {
        int width = Layer.Product(ShapeOf(features));
        var columns = new List<DataViewSchema.Column> { features, label };
        if (weight is DataViewSchema.Column w)
            columns.Add(w);
        using var cursor = data.GetRowCursor(columns);
        var readFeatures = FeatureReader(cursor, features, width, user);
        var readTarget = task.LabelReader(cursor, label, user);
        int targetWidth = task.TargetWidth(label);
        var readWeight = weight is DataViewSchema.Column wc ? WeightReader(cursor, wc, user) : null;
        long maxRows = Array.MaxLength / Math.Max(Math.Max(width, targetWidth), 1);
        var x = new float[Math.Min(1024L * width, Array.MaxLength)];
        var y = new float[Math.Min(1024L * targetWidth, Array.MaxLength)];
        var weights = readWeight is null ? null : new float[1024];
        int rows = 0;
        while (cursor.MoveNext())
        {
            if (rows >= maxRows)
                throw new InvalidOperationException($"{user}: the training data has more than {maxRows} rows of {width} features, more than one array holds. Train on a sample, or on fewer features.");
            if ((long)(rows + 1) * width > x.Length)
                Array.Resize(ref x, (int)Math.Min(Math.Max(2L * x.Length, (long)(rows + 1) * width), Array.MaxLength));
            if ((rows + 1) * targetWidth > y.Length)
            {
                Array.Resize(ref y, (int)Math.Min(2L * y.Length, Array.MaxLength));
                if (weights is not null)
                    Array.Resize(ref weights, y.Length / targetWidth);
            }
            readFeatures(rows, x.AsSpan(rows * width, width));
            readTarget(rows, y.AsSpan(rows * targetWidth, targetWidth));
            if (weights is not null)
                weights[rows] = readWeight!(rows);
            rows++;
        }
        if (rows == 0)
            throw new InvalidOperationException($"{user}: the training data has no rows.");
        Array.Resize(ref x, rows * width);
        Array.Resize(ref y, rows * targetWidth);
        if (weights is not null)
            Array.Resize(ref weights, rows);
        return new TrainingData(rows, width, x, targetWidth, y, weights);
    }

    private static Action<int, Span<float>> FeatureReader(DataViewRow cursor, DataViewSchema.Column features, int width, string user)
    {
        void Check(int row, Span<float> values)
        {
            int bad = values.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
            if (bad >= 0)
                throw new InvalidOperationException($"{user}: row {row} of the feature column '{features.Name}' has {values[bad]} in slot {bad}; features must be finite numbers. " +
                    "Replace missing values first (ml.Transforms.ReplaceMissingValues) or filter such rows (ml.Data.FilterRowsByMissingValues).");
        }
        if (features.Type is not VectorDataViewType)
        {
            var scalar = cursor.GetGetter<float>(features);
            float value = 0;
            return (row, destination) =>
            {
                scalar(ref value);
                destination[0] = value;
                Check(row, destination);
            };
        }
        var vector = cursor.GetGetter<VBuffer<float>>(features);
        var buffer = default(VBuffer<float>);
        return (row, destination) =>
        {
            vector(ref buffer);
            if (buffer.Length != width)
                throw new InvalidOperationException($"{user}: row {row} of the feature column '{features.Name}' has {buffer.Length} values, but its type says {width}.");
            buffer.CopyTo(destination);
            Check(row, destination);
        };
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

    private TrainingData Slice(int start, int rows) => new(rows, Width, Features.AsSpan(start * Width, rows * Width).ToArray(),
        TargetWidth, Targets.AsSpan(start * TargetWidth, rows * TargetWidth).ToArray(), Weights?.AsSpan(start, rows).ToArray());

    /// <summary>This data with each example's weight multiplied by its class's weight (Keras's class_weight).</summary>
    public TrainingData WithClassWeights(float[]? classWeights)
    {
        if (classWeights is null)
            return this;
        var weights = new float[Rows];
        for (int i = 0; i < Rows; i++)
            weights[i] = (Weights?[i] ?? 1) * classWeights[(int)Targets[i]];
        return new TrainingData(Rows, Width, Features, TargetWidth, Targets, weights);
    }
}
