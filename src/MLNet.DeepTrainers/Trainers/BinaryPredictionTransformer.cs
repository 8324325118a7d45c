namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A trained binary classifier: adds <c>Score</c> (the raw margin, a logit), <c>Probability</c>
/// (its sigmoid) and <c>PredictedLabel</c> (Probability &gt; 0.5), as ML.NET's calibrated classifiers do.
/// </summary>
public sealed class BinaryPredictionTransformer<TModel> : PredictionTransformerBase<TModel>, IOnnxExportable where TModel : class
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        string score = ExportModel(graph);
        string probability = graph.Node("Sigmoid", [score]);
        graph.SetColumn("Score", score, NumberDataViewType.Single);
        graph.SetColumn("Probability", probability, NumberDataViewType.Single);
        graph.SetColumn("PredictedLabel", graph.Node("Greater", [probability, graph.Constant([0.5f])]), BooleanDataViewType.Instance);
    }

    internal const string Kind = "BinaryPrediction";

    internal BinaryPredictionTransformer(TModel model, string featureColumnName) : base(model, featureColumnName) { }

    internal static SchemaShape.Column[] OutputShape =>
    [
        new("Score", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        new("Probability", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        new("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false),
    ];

    private protected override string StageKind => Kind;

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        CheckFeatures(input);
        return
        [
            Scored("Score", NumberDataViewType.Single, input, outputs => (ValueGetter<float>)((ref float score) => score = outputs()[0])),
            Scored("Probability", NumberDataViewType.Single, input, outputs => (ValueGetter<float>)((ref float probability) => probability = Sigmoid(outputs()[0]))),
            Scored("PredictedLabel", BooleanDataViewType.Instance, input, outputs => (ValueGetter<bool>)((ref bool label) => label = Sigmoid(outputs()[0]) > 0.5f)),
        ];
    }

    internal static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));
}
