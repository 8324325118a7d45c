namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A trained multi-label classifier, one independent yes/no per label: adds <c>Score</c> (the raw
/// margins, logits), <c>Probability</c> (their sigmoids) and <c>PredictedLabel</c> (each
/// Probability &gt; 0.5), vectors of one item per label, named after the label column's slots.
/// </summary>
public sealed class MultiLabelPredictionTransformer<TModel> : PredictionTransformerBase<TModel>, IOnnxExportable where TModel : class
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        string score = ExportModel(graph);
        string probability = graph.Node("Sigmoid", [score]);
        graph.SetColumn("Score", score, output["Score"].Type);
        graph.SetColumn("Probability", probability, output["Probability"].Type);
        graph.SetColumn("PredictedLabel", graph.Node("Greater", [probability, graph.Constant([0.5f])]), output["PredictedLabel"].Type);
    }

    internal const string Kind = "MultiLabelPrediction";
    private readonly string[]? _labelNames;

    private MultiLabelPredictionTransformer(TModel model, string featureColumnName, string[]? labelNames) : base(model, featureColumnName) => _labelNames = labelNames;

    /// <summary>A transformer whose outputs carry the slot names of <paramref name="label"/>, if it has them.</summary>
    internal MultiLabelPredictionTransformer(TModel model, string featureColumnName, DataViewSchema.Column label)
        : this(model, featureColumnName, label.Annotations.SlotNames?.ToArray()) { }

    internal static SchemaShape.Column[] OutputShape =>
    [
        new("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
        new("Probability", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
        new("PredictedLabel", SchemaShape.Column.VectorKind.Vector, BooleanDataViewType.Instance, false),
    ];

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        base.Save(writer);
        if (_labelNames is not null)
            writer.Set("labelNames", _labelNames);
    }

    internal static MultiLabelPredictionTransformer<TModel> Load(TModel model, string featureColumn, StageReader reader)
    {
        var names = reader.GetOptional<string[]>("labelNames");
        int outputs = ((IScoringModel)model).OutputWidth;
        if (names is not null && (names.Length != outputs || names.Any(n => n is null)))
            throw reader.Corrupt($"it names {names.Length} labels (or a null name), but its model has {outputs} outputs");
        return new(model, featureColumn, names);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        CheckFeatures(input);
        int labels = Scorer.OutputWidth;
        var names = new DataViewSchema.Annotations(null, _labelNames);
        var single = new VectorDataViewType(NumberDataViewType.Single, labels);
        return
        [
            Scored("Score", single, input, outputs => (ValueGetter<float[]>)((ref float[] scores) => scores = Copy(outputs(), scores)), names),
            Scored("Probability", single, input, outputs => (ValueGetter<float[]>)((ref float[] probabilities) =>
            {
                var margins = outputs();
                probabilities = Reuse(probabilities, labels);
                for (int i = 0; i < labels; i++)
                    probabilities[i] = BinaryPredictionTransformer<TModel>.Sigmoid(margins[i]);
            }), names),
            Scored("PredictedLabel", new VectorDataViewType(BooleanDataViewType.Instance, labels), input, outputs => (ValueGetter<bool[]>)((ref bool[] predicted) =>
            {
                var margins = outputs();
                predicted = Reuse(predicted, labels);
                for (int i = 0; i < labels; i++)
                    predicted[i] = BinaryPredictionTransformer<TModel>.Sigmoid(margins[i]) > 0.5f;
            }), names),
        ];
    }
}
