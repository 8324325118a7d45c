namespace MLNet.DeepTrainers.Data;

/// <summary>A trained regression model: adds the <c>Score</c> column.</summary>
public sealed class RegressionPredictionTransformer<TModel> : PredictionTransformerBase<TModel>, IOnnxExportable where TModel : class
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output) => graph.SetColumn("Score", ExportModel(graph), NumberDataViewType.Single);

    internal RegressionPredictionTransformer(TModel model, string featureColumnName) : base(model, featureColumnName) { }

    internal const string Kind = "RegressionPrediction";

    private protected override string StageKind => Kind;

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        CheckFeatures(input);
        return [Scored("Score", NumberDataViewType.Single, input, outputs => (ValueGetter<float>)((ref float score) => score = outputs()[0]))];
    }
}
