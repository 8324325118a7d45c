using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A trained model applied to a feature column. Each row is predicted once, however many output
/// columns read it, into buffers the cursor reuses: scoring allocates nothing per row.
/// </summary>
public abstract class PredictionTransformerBase<TModel> : RowToRowTransformerBase, ISingleFeaturePredictionTransformer<TModel> where TModel : class
{
    // The output columns' getters are made one by one from the same input cursor; sharing one source
    // per cursor is what lets every column read the one prediction of the row.
    private readonly ConditionalWeakTable<DataViewRowCursor, Func<float[]>> _sources = new();

    private protected PredictionTransformerBase(TModel model, string featureColumnName)
    {
        Model = model;
        FeatureColumnName = featureColumnName;
    }

    /// <summary>The trained model.</summary>
    public TModel Model { get; }

    /// <summary>The column the model reads.</summary>
    public string FeatureColumnName { get; }

    private protected IScoringModel Scorer => (IScoringModel)Model;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("featureColumn", FeatureColumnName);
        writer.Set("modelKind", Scorer.Kind);
        Scorer.Save(writer);
    }

    /// <summary>Adds the model to an ONNX graph: its outputs for the feature column's value, [N, outputs] floats.</summary>
    private protected string ExportModel(OnnxGraph graph)
    {
        var (features, type) = graph.Column(FeatureColumnName, "The model");
        if (OnnxTypes.Width(type) != Scorer.FeatureWidth || !(type.ItemType()!.Equals(NumberDataViewType.Single) || type.ItemType() is KeyDataViewType))
            throw new NotSupportedException($"the model reads '{FeatureColumnName}' as {Scorer.FeatureWidth} Single values or keys, but the exported pipeline has {type} there.");
        return Scorer.ExportOnnx(graph, features);
    }

    /// <summary>Checks the feature column before any row is read.</summary>
    private protected void CheckFeatures(DataViewSchema input)
    {
        var features = input.GetColumnOrNull(FeatureColumnName) ?? throw input.MissingColumn(FeatureColumnName);
        int found = features.Type is VectorDataViewType v ? (v.ItemType.Equals(NumberDataViewType.Single) || v.ItemType is KeyDataViewType ? v.Size : -1) : features.Type.Equals(NumberDataViewType.Single) ? 1 : -1;
        if (found != Scorer.FeatureWidth)
            throw new ArgumentOutOfRangeException(nameof(input), $"The model reads column '{FeatureColumnName}' as {Scorer.FeatureWidth} Single values or keys, but the data has {features.Type}.");
    }

    /// <summary>
    /// An output column read from the model's outputs for the row: <paramref name="read"/> makes its
    /// getter from the source of those outputs, row by row, or batch by batch where rows can be read ahead.
    /// </summary>
    private protected OutputColumn Scored(string name, DataViewType type, DataViewSchema input, Func<Func<float[]>, Delegate> read, DataViewSchema.Annotations? annotations = null) =>
        new(name, type, cursor => read(OutputsOf(cursor, input, null)), annotations, (cursor, ahead) => read(OutputsOf(cursor, input, ahead)));

    /// <summary>A vector getter's array for <paramref name="length"/> items: the caller's, reused when it has that length.</summary>
    private protected static T[] Reuse<T>(T[]? buffer, int length) => buffer is not null && buffer.Length == length ? buffer : new T[length];

    /// <summary><paramref name="outputs"/> copied into <paramref name="buffer"/> (reused when it has their length).</summary>
    private protected static float[] Copy(float[] outputs, float[]? buffer)
    {
        var copy = Reuse(buffer, outputs.Length);
        outputs.AsSpan().CopyTo(copy);
        return copy;
    }

    /// <summary>The source of the current row's model outputs for <paramref name="cursor"/>, computed at most once per row and shared by the columns.</summary>
    private Func<float[]> OutputsOf(DataViewRowCursor cursor, DataViewSchema input, RowsAhead? ahead) =>
        _sources.GetValue(cursor, c => ahead is null ? RowSource(c, input[FeatureColumnName]) : BatchSource(c, input[FeatureColumnName], ahead));

    /// <summary>One native call per row: for the prediction engine, and for rows read in shuffled order.</summary>
    private Func<float[]> RowSource(DataViewRowCursor cursor, DataViewSchema.Column features)
    {
        var read = FeatureReader.Make(cursor, features);
        var x = new float[Scorer.FeatureWidth];
        var outputs = new float[Scorer.OutputWidth];
        long scored = -1;
        return () =>
        {
            if (scored != cursor.Position)
            {
                read(x);
                Scorer.Predict(x, 1, outputs);
                scored = cursor.Position;
            }
            return outputs;
        };
    }

    // A batch starts small, so reading a few rows computes few, and doubles up to this many rows or this
    // many floats (4 MiB) of features or outputs.
    private const int FirstBatchRows = 16, MaximumBatchRows = 1024, MaximumBatchFloats = 1 << 20;

    /// <summary>
    /// One native call per batch: a second cursor reads the features of the rows ahead of
    /// <paramref name="cursor"/> (the same rows in the same order), the model scores them at once, and
    /// each row's outputs are served as the cursor reaches it.
    /// </summary>
    private Func<float[]> BatchSource(DataViewRowCursor cursor, DataViewSchema.Column features, RowsAhead ahead)
    {
        int width = Scorer.FeatureWidth, outputWidth = Scorer.OutputWidth;
        int maximumRows = Math.Clamp(MaximumBatchFloats / Math.Max(1, Math.Max(width, outputWidth)), 1, MaximumBatchRows);
        float[] x = [], y = [];
        var outputs = new float[outputWidth];
        long first = 0, scored = -1;
        int count = 0, batch = Math.Min(FirstBatchRows, maximumRows);
        DataViewRowCursor? reader = null;
        Action<Span<float>>? read = null;
        return () =>
        {
            long position = cursor.Position;
            if (position == scored)
                return outputs;
            if (position < first || position >= first + count)
            {
                reader ??= ahead.Cursor(features);
                read ??= FeatureReader.Make(reader, features);
                while (reader.Position < position)
                {
                    if (!reader.MoveNext())
                        throw new InvalidOperationException($"The data gave fewer rows when read again: row {position} is missing the second time. Scoring reads the rows twice; a source must give the same rows each time it is read.");
                }
                if (reader.Position != position)
                    throw new InvalidOperationException($"Rows were scored out of order (row {position} after row {reader.Position}).");
                if (x.Length == 0)
                {
                    // Once, at full size: the batches then reuse them, so scoring allocates nothing per row.
                    x = new float[maximumRows * width];
                    y = new float[maximumRows * outputWidth];
                }
                first = position;
                count = 0;
                do
                {
                    read(x.AsSpan(count * width, width));
                    count++;
                }
                while (count < batch && reader.MoveNext());
                Scorer.Predict(x.AsSpan(0, count * width), count, y.AsSpan(0, count * outputWidth));
                batch = Math.Min(batch * 2, maximumRows);
            }
            y.AsSpan((int)(position - first) * outputWidth, outputWidth).CopyTo(outputs);
            scored = position;
            return outputs;
        };
    }
}
