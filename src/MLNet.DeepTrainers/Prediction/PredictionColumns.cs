namespace MLNet.DeepTrainers;

/// <summary>
/// The columns a fitted deep model adds to the data, exactly as ML.NET's own trainers of the task add
/// them (names, types, annotations), and how each value comes from the network's raw outputs of a row.
/// </summary>
internal abstract class PredictionColumns
{
    /// <summary>The added columns, in order.</summary>
    public abstract IReadOnlyList<DataViewSchema.DetachedColumn> Columns { get; }

    /// <summary>A getter of column <paramref name="index"/> whose value comes from the current row's raw outputs.</summary>
    public abstract Delegate Getter(int index, Func<ReadOnlyMemory<float>> outputs);

    /// <summary>
    /// The same columns as nodes of <paramref name="graph"/> over the network's raw outputs <paramref name="logits"/>
    /// ([rows, outputs]): one value per column of <see cref="Columns"/>, in order, rows first ([rows, 1] for a
    /// scalar), each of the ONNX type ML.NET's converter gives the column's type (a key as its raw unsigned integer).
    /// </summary>
    public abstract string[] ExportOnnx(OnnxGraph graph, string logits);

    /// <summary>ML.NET's annotations of a score column: which task made it and which value it holds.</summary>
    private protected static DataViewSchema.Annotations ScoreAnnotations(string kind, string value, Action<DataViewSchema.Annotations.Builder>? more = null)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        more?.Invoke(builder);
        builder.Add(AnnotationUtilsNames.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> text) => text = kind.AsMemory());
        builder.Add(AnnotationUtilsNames.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> text) => text = value.AsMemory());
        return builder.ToAnnotations();
    }

    private protected static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));
}

/// <summary>ML.NET's annotation names for score columns (its AnnotationUtils.Kinds, internal to ML.NET).</summary>
internal static class AnnotationUtilsNames
{
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
}

/// <summary>Regression: <c>Score</c>, a Single.</summary>
internal sealed class RegressionColumns : PredictionColumns
{
    public override IReadOnlyList<DataViewSchema.DetachedColumn> Columns { get; } =
        [new("Score", NumberDataViewType.Single, ScoreAnnotations("Regression", "Score"))];

    public override Delegate Getter(int index, Func<ReadOnlyMemory<float>> outputs) =>
        (ValueGetter<float>)((ref float score) => score = outputs().Span[0]);

    public override string[] ExportOnnx(OnnxGraph graph, string logits) => [logits];
}

/// <summary>Binary classification: <c>Score</c> (the raw logit), <c>Probability</c> (its sigmoid) and <c>PredictedLabel</c> (probability above one half).</summary>
internal sealed class BinaryColumns : PredictionColumns
{
    public override IReadOnlyList<DataViewSchema.DetachedColumn> Columns { get; } =
    [
        new("Score", NumberDataViewType.Single, ScoreAnnotations("BinaryClassification", "Score")),
        new("Probability", NumberDataViewType.Single, ScoreAnnotations("BinaryClassification", "Probability")),
        new("PredictedLabel", BooleanDataViewType.Instance, ScoreAnnotations("BinaryClassification", "PredictedLabel")),
    ];

    public override Delegate Getter(int index, Func<ReadOnlyMemory<float>> outputs) => index switch
    {
        0 => (ValueGetter<float>)((ref float score) => score = outputs().Span[0]),
        1 => (ValueGetter<float>)((ref float probability) => probability = Sigmoid(outputs().Span[0])),
        _ => (ValueGetter<bool>)((ref bool label) => label = outputs().Span[0] > 0),
    };

    public override string[] ExportOnnx(OnnxGraph graph, string logits) => Export(graph, logits);

    /// <summary>Score (the logits), Probability (their sigmoids) and PredictedLabel (each logit above 0), for one output or several.</summary>
    internal static string[] Export(OnnxGraph graph, string logits) =>
        [logits, graph.Node("Sigmoid", [logits]), graph.Node("Greater", [logits, graph.Constant([0f], 1)])];
}

/// <summary>
/// Multiclass classification: <c>Score</c>, one probability per class in the label's key order (slot
/// names: the label's key values), and <c>PredictedLabel</c>, the label's key type with its key values.
/// </summary>
internal sealed class MulticlassColumns : PredictionColumns
{
    public MulticlassColumns(DataViewSchema.Column label)
    {
        var keyType = (KeyDataViewType)label.Type;
        ClassNames = KeyNames.Of(label);
        int classes = (int)keyType.Count;
        var slotNames = new VBuffer<ReadOnlyMemory<char>>(classes, ClassNames.Select(n => n.AsMemory()).ToArray());
        var keyValues = new DataViewSchema.Annotations.Builder();
        if (label.Annotations.Schema.GetColumnOrNull(AnnotationUtilsNames.KeyValues) is not null)
            keyValues.Add(label.Annotations, name => name == AnnotationUtilsNames.KeyValues);
        Columns =
        [
            new("Score", new VectorDataViewType(NumberDataViewType.Single, classes), ScoreAnnotations("MulticlassClassification", "Score",
                builder => builder.Add(AnnotationUtilsNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, classes), (ref VBuffer<ReadOnlyMemory<char>> names) => slotNames.CopyTo(ref names)))),
            new("PredictedLabel", keyType, ScoreAnnotations("MulticlassClassification", "PredictedLabel", builder => builder.Add(keyValues.ToAnnotations(), _ => true))),
        ];
    }

    /// <summary>The label's key values as text, in key order ("1", "2", ... when it has none).</summary>
    public string[] ClassNames { get; }

    public override IReadOnlyList<DataViewSchema.DetachedColumn> Columns { get; }

    public override Delegate Getter(int index, Func<ReadOnlyMemory<float>> outputs) => index switch
    {
        0 => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> scores) =>
        {
            var logits = outputs().Span;
            var editor = VBufferEditor.Create(ref scores, logits.Length);
            Softmax(logits, editor.Values);
            scores = editor.Commit();
        }),
        _ => (ValueGetter<uint>)((ref uint key) => key = (uint)ArgMax(outputs().Span) + 1),
    };

    /// <summary>Score, then PredictedLabel as the key's raw value (the class's index plus 1, as ML.NET numbers keys from 1), [rows, 1].</summary>
    public override string[] ExportOnnx(OnnxGraph graph, string logits)
    {
        string key = graph.Node("Add", [PredictedIndex(graph, logits), graph.Constant([1L], 1)]);
        var keyType = (KeyDataViewType)Columns[1].Type;
        return [Probabilities(graph, logits), graph.Node("Cast", [key], OnnxAttribute.Int("to", (long)OnnxGraph.ElementType(keyType.RawType)))];
    }

    /// <summary>The softmax over each row's logits, as <see cref="Softmax"/>.</summary>
    internal static string Probabilities(OnnxGraph graph, string logits) => graph.Node("Softmax", [logits], OnnxAttribute.Int("axis", -1));

    /// <summary>Each row's predicted class, from 0, [rows, 1] int64: ArgMax keeps the first of equal logits, as <see cref="ArgMax"/> does.</summary>
    internal static string PredictedIndex(OnnxGraph graph, string logits) => graph.Node("ArgMax", [logits], OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 1));

    internal static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits)
            max = MathF.Max(max, l);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
            sum += probabilities[i] = MathF.Exp(logits[i] - max);
        for (int i = 0; i < logits.Length; i++)
            probabilities[i] = (float)(probabilities[i] / sum);
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
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

/// <summary>
/// Multi-label classification: <c>Score</c> (each label's raw logit), <c>Probability</c> (their sigmoids)
/// and <c>PredictedLabel</c> (each probability above one half), vectors of the label's size: binary
/// classification's three columns, one slot per label, named by the label's slot names.
/// </summary>
internal sealed class MultiLabelColumns : PredictionColumns
{
    public MultiLabelColumns(DataViewSchema.Column label)
    {
        int labels = ((VectorDataViewType)label.Type).Size;
        LabelNames = SlotNames.Of(label, labels);
        var names = new VBuffer<ReadOnlyMemory<char>>(labels, [.. LabelNames.Select(n => n.AsMemory())]);
        DataViewSchema.Annotations Annotations(string value) => ScoreAnnotations("MultiLabelClassification", value,
            builder => builder.Add(AnnotationUtilsNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, labels), (ref VBuffer<ReadOnlyMemory<char>> slots) => names.CopyTo(ref slots)));
        Columns =
        [
            new("Score", new VectorDataViewType(NumberDataViewType.Single, labels), Annotations("Score")),
            new("Probability", new VectorDataViewType(NumberDataViewType.Single, labels), Annotations("Probability")),
            new("PredictedLabel", new VectorDataViewType(BooleanDataViewType.Instance, labels), Annotations("PredictedLabel")),
        ];
    }

    /// <summary>The labels' names, in slot order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    public override IReadOnlyList<DataViewSchema.DetachedColumn> Columns { get; }

    public override Delegate Getter(int index, Func<ReadOnlyMemory<float>> outputs) => index switch
    {
        0 => Vector<float>(outputs, logit => logit),
        1 => Vector<float>(outputs, Sigmoid),
        _ => Vector<bool>(outputs, logit => logit > 0),
    };

    /// <summary>Binary classification's three columns, one slot per label.</summary>
    public override string[] ExportOnnx(OnnxGraph graph, string logits) => BinaryColumns.Export(graph, logits);

    private static ValueGetter<VBuffer<T>> Vector<T>(Func<ReadOnlyMemory<float>> outputs, Func<float, T> value) => (ref VBuffer<T> vector) =>
    {
        var logits = outputs().Span;
        var editor = VBufferEditor.Create(ref vector, logits.Length);
        for (int i = 0; i < logits.Length; i++)
            editor.Values[i] = value(logits[i]);
        vector = editor.Commit();
    };
}
