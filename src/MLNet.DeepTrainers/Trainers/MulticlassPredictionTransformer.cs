namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A trained multiclass classifier: adds <c>Score</c> (the class probabilities, in key order) and
/// <c>PredictedLabel</c> (the most probable class, a key carrying the label's values, so
/// <c>MapKeyToValue</c> turns it back into the original label).
/// </summary>
public sealed class MulticlassPredictionTransformer<TModel> : PredictionTransformerBase<TModel>, IOnnxExportable where TModel : class
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        string scores = ExportModel(graph);
        // The first most probable class, as a key: 1-based, UInt32.
        string index = graph.Node("ArgMax", [scores], OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 1));
        string key = graph.Cast(graph.Node("Add", [index, graph.Constant([1L])]), global::Onnx.TensorProto.Types.DataType.Uint32);
        graph.SetColumn("Score", scores, output["Score"].Type);
        graph.SetColumn("PredictedLabel", key, output["PredictedLabel"].Type);
    }

    internal const string Kind = "MulticlassPrediction";
    private readonly Array _classes;

    internal MulticlassPredictionTransformer(TModel model, string featureColumnName, Array classes) : base(model, featureColumnName) => _classes = classes;

    /// <summary>A transformer whose PredictedLabel carries <paramref name="label"/>'s key values (or the key numbers, if it has none).</summary>
    internal MulticlassPredictionTransformer(TModel model, string featureColumnName, DataViewSchema.Column label)
        : this(model, featureColumnName, label.Annotations.KeyValues ?? Enumerable.Range(1, (int)((KeyDataViewType)label.Type).Count).Select(k => (uint)k).ToArray()) { }

    internal static SchemaShape.Column[] OutputShape(SchemaShape.Column label) =>
    [
        new("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
        new("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, label.ItemType, true) { KeyValuesType = label.KeyValuesType },
    ];

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        base.Save(writer);
        writer.SetKeyValues("classes", _classes);
    }

    internal static MulticlassPredictionTransformer<TModel> Load(TModel model, string featureColumn, StageReader reader)
    {
        var classes = reader.GetKeyValues("classes") ?? throw reader.Corrupt("it lacks its class values");
        int outputs = ((IScoringModel)model).OutputWidth;
        if (classes.Length != outputs)
            throw reader.Corrupt($"it names {classes.Length} classes, but its model has {outputs} outputs");
        return new(model, featureColumn, classes);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        CheckFeatures(input);
        int classes = Scorer.OutputWidth;
        return
        [
            Scored("Score", new VectorDataViewType(NumberDataViewType.Single, classes), input, outputs => (ValueGetter<float[]>)((ref float[] scores) => scores = Copy(outputs(), scores)), new DataViewSchema.Annotations(null, ValueText.Of(_classes))),
            Scored("PredictedLabel", new KeyDataViewType(typeof(uint), (ulong)classes), input,
                outputs => (ValueGetter<uint>)((ref uint key) => key = (uint)ArgMax<float>(outputs()) + 1), new DataViewSchema.Annotations(_classes, null)),
        ];
    }

    /// <summary>The index of the highest value; the first of equal ones.</summary>
    internal static int ArgMax<T>(ReadOnlySpan<T> values) where T : System.Numerics.INumber<T>
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
