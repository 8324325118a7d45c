namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// The columns a trainer needs, read once into contiguous row-major buffers: what libtorch and the
/// tree binner want, with no per-row objects. Bad values fail here with the row that holds them.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData(FeatureRows features, int[] featureShape, float[] labels, float[]? weights)
    {
        Features = features;
        FeatureShape = featureShape;
        Labels = labels;
        Weights = weights;
        Rows = features.Rows;
    }

    public FeatureRows Features { get; }
    public int[] FeatureShape { get; }
    public int Width => Features.Width;
    /// <summary>The rows' targets, row-major: <see cref="LabelWidth"/> per row.</summary>
    public float[] Labels { get; }
    public int LabelWidth => Labels.Length / Math.Max(Rows, 1);
    public float[]? Weights { get; }
    public int Rows { get; }

    /// <summary>The last <paramref name="fraction"/> of the rows as validation data, the rest for training (Keras's validation_split).</summary>
    public (TrainingData Train, TrainingData Validation) SplitTail(double fraction, string user)
    {
        int trainRows = (int)(Rows * (1 - fraction));
        if (trainRows == 0 || trainRows == Rows)
            throw new InvalidOperationException($"{user}: a validation fraction of {fraction} of {Rows} rows leaves {(trainRows == 0 ? "no training rows" : "no validation rows")}.");
        return (Slice(0, trainRows), Slice(trainRows, Rows - trainRows));
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="rows"/>.</summary>
    public TrainingData Slice(int start, int rows) => new(Features.Slice(start, rows), FeatureShape,
        Labels.AsSpan(start * LabelWidth, rows * LabelWidth).ToArray(), Weights?.AsSpan(start, rows).ToArray());

    /// <summary>These rows with each example's weight multiplied by its class's weight.</summary>
    public TrainingData WithClassWeights(float[]? classWeights)
    {
        if (classWeights is null)
            return this;
        var weights = new float[Rows];
        for (int i = 0; i < Rows; i++)
            weights[i] = (Weights?[i] ?? 1) * classWeights[(int)Labels[i]];
        return new TrainingData(Features, FeatureShape, Labels, weights);
    }

    /// <summary>The shape of the feature column: its vector dimensions, or (1) for a scalar.</summary>
    public static int[] ShapeOf(DataViewSchema.Column features) => features.Type is VectorDataViewType v ? [.. v.Dimensions] : [1];

    /// <summary>
    /// Reads features, labels (converted to floats by <paramref name="label"/>, one or a vector per row) and optional weights.
    /// Labels must be finite; features too, unless <paramref name="allowMissingFeatures"/> (trees learn where NaN goes).
    /// <paramref name="dataName"/> ("training data", "validation data") names the data in messages.
    /// </summary>
    public static TrainingData Read(IDataView data, string featureColumn, LabelReader label, string? weightColumn, string user, bool allowMissingFeatures = false,
        string dataName = "training data")
    {
        var features = data.Schema[featureColumn];
        var shape = ShapeOf(features);
        int width = shape.Aggregate(1, (a, b) => a * b);
        // Sized up front when the view knows its row count, so a large set is neither copied while
        // growing nor trimmed at the end: the features' memory is allocated once.
        int expected = (int)Math.Min(data.GetRowCount() ?? 1024, int.MaxValue / Math.Max(width, 1));
        var x = new FeatureRows.Builder(width, expected);
        int labelWidth = label.Width;
        var y = new float[(long)Math.Max(expected, 1) * labelWidth];
        var w = weightColumn is null ? null : new float[Math.Max(expected, 1)];
        int rows = 0;
        long badLabels = 0, firstBadLabel = -1;
        using (var cursor = data.GetRowCursor(data.Schema))
        {
            var readFeatures = FeatureReader.MakeVector(cursor, features);
            var readLabel = label.MakeGetter(cursor);
            var readWeight = weightColumn is null ? null : cursor.GetGetter<float>(data.Schema[weightColumn]);
            VBuffer<float> vector = default;
            while (cursor.MoveNext())
            {
                long row = cursor.Position;
                readFeatures(ref vector);
                if (vector.Length != width)
                    throw new InvalidOperationException($"{user}: row {row} of the feature column '{featureColumn}' has {vector.Length} values, but the column's type says {width}.");
                var values = vector.GetValues();
                for (int i = 0; i < values.Length && !allowMissingFeatures; i++)
                {
                    if (!float.IsFinite(values[i]))
                        throw new InvalidOperationException($"{user}: row {row} of the feature column '{featureColumn}' has {values[i]} in slot {(vector.IsDense ? i : vector.GetIndices()[i])}. Fill or remove missing values before training.");
                }
                if ((long)rows * labelWidth == y.Length)
                {
                    Array.Resize(ref y, y.Length * 2);
                    if (w is not null)
                        Array.Resize(ref w, w.Length * 2);
                }
                x.Add(vector);
                var labelValues = y.AsSpan(rows * labelWidth, labelWidth);
                readLabel(row, labelValues);
                foreach (float labelValue in labelValues)
                {
                    if (!float.IsFinite(labelValue) && badLabels++ == 0)
                        firstBadLabel = row;
                }
                if (readWeight is not null)
                {
                    float weight = 0;
                    readWeight(ref weight);
                    if (!float.IsFinite(weight) || weight < 0)
                        throw new InvalidOperationException($"{user}: row {row} of the weight column '{weightColumn}' is {weight}; weights must be finite and not negative.");
                    w![rows] = weight;
                }
                rows++;
            }
        }
        if (rows == 0)
            throw new InvalidOperationException($"{user}: the {dataName} has no rows.");
        if (badLabels > 0)
            throw new InvalidOperationException($"{user}: {badLabels} {(labelWidth == 1 ? "of" : "values in")} {rows} rows of the label column '{label.ColumnName}' are NaN or infinite (the first is in row {firstBadLabel}). Labels must be finite numbers: remove or fill such rows first.");
        if ((long)rows * labelWidth != y.Length)
        {
            Array.Resize(ref y, rows * labelWidth);
            if (w is not null)
                Array.Resize(ref w, rows);
        }
        return new TrainingData(x.Build(), shape, y, w);
    }

    /// <summary>Writes the current row's targets (the row number is for messages) into a span of the reader's width.</summary>
    internal delegate void LabelGetter(long row, Span<float> targets);

    /// <summary>How a task reads its label column into <see cref="Width"/> floats per row.</summary>
    internal sealed class LabelReader(string columnName, int width, Func<DataViewRowCursor, LabelGetter> makeGetter)
    {
        public string ColumnName => columnName;

        public int Width => width;

        public LabelGetter MakeGetter(DataViewRowCursor cursor) => makeGetter(cursor);

        /// <summary>A Single label, or a Single vector of known size (regression).</summary>
        public static LabelReader Single(DataViewSchema.Column column)
        {
            if (column.Type is VectorDataViewType vector)
            {
                return new(column.Name, vector.Size, cursor =>
                {
                    var read = cursor.GetGetter<float[]>(column);
                    float[] values = [];
                    return (_, targets) =>
                    {
                        read(ref values);
                        values.AsSpan().CopyTo(targets);
                    };
                });
            }
            return new(column.Name, 1, cursor =>
            {
                var read = cursor.GetGetter<float>(column);
                float value = 0;
                return (_, targets) =>
                {
                    read(ref value);
                    targets[0] = value;
                };
            });
        }
    }
}
