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
        if (OnnxTypes.Width(type) != Scorer.FeatureWidth || !type.ItemType()!.Equals(NumberDataViewType.Single))
            throw new NotSupportedException($"the model reads '{FeatureColumnName}' as {Scorer.FeatureWidth} Single values, but the exported pipeline has {type} there.");
        return Scorer.ExportOnnx(graph, features);
    }

    /// <summary>Checks the feature column before any row is read.</summary>
    private protected void CheckFeatures(DataViewSchema input)
    {
        var features = input.GetColumnOrNull(FeatureColumnName) ?? throw input.MissingColumn(FeatureColumnName);
        int found = features.Type is VectorDataViewType v ? (v.ItemType.Equals(NumberDataViewType.Single) ? v.Size : -1) : features.Type.Equals(NumberDataViewType.Single) ? 1 : -1;
        if (found != Scorer.FeatureWidth)
            throw new ArgumentOutOfRangeException(nameof(input), $"The model reads column '{FeatureColumnName}' as {Scorer.FeatureWidth} Single values, but the data has {features.Type}.");
    }

    /// <summary>The source of the current row's model outputs for <paramref name="cursor"/>, computed at most once per row.</summary>
    private protected Func<float[]> OutputsOf(DataViewRowCursor cursor, DataViewSchema input) =>
        _sources.GetValue(cursor, c => NewSource(c, input));

    private Func<float[]> NewSource(DataViewRowCursor cursor, DataViewSchema input)
    {
        var features = input[FeatureColumnName];
        int width = Scorer.FeatureWidth;
        var readVector = features.Type is VectorDataViewType ? cursor.GetGetter<float[]>(features) : null;
        var readScalar = features.Type is VectorDataViewType ? null : cursor.GetGetter<float>(features);
        var x = new float[width];
        var outputs = new float[Scorer.OutputWidth];
        long scored = -1;
        return () =>
        {
            if (scored != cursor.Position)
            {
                if (readVector is not null)
                    readVector(ref x);
                else
                    readScalar!(ref x[0]);
                Scorer.Predict(x, 1, outputs);
                scored = cursor.Position;
            }
            return outputs;
        };
    }
}
