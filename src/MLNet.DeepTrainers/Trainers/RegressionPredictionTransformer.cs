namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A trained regression model: adds the <c>Score</c> column, a Single, or a vector of one Single per
/// slot of a vector label.
/// </summary>
public sealed class RegressionPredictionTransformer<TModel> : PredictionTransformerBase<TModel>, IOnnxExportable where TModel : class
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output) => graph.SetColumn("Score", ExportModel(graph), ScoreType);

    internal RegressionPredictionTransformer(TModel model, string featureColumnName) : base(model, featureColumnName) { }

    internal const string Kind = "RegressionPrediction";

    private protected override string StageKind => Kind;

    private DataViewType ScoreType => Scorer.OutputWidth == 1 ? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single, Scorer.OutputWidth);

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        CheckFeatures(input);
        if (Scorer.OutputWidth == 1)
            return [Scored("Score", ScoreType, input, outputs => (ValueGetter<float>)((ref float score) => score = outputs()[0]))];
        return [Scored("Score", ScoreType, input, outputs => (ValueGetter<float[]>)((ref float[] scores) => scores = Copy(outputs(), scores)))];
    }
}
