using Microsoft.ML.Data;

namespace MLNet.DeepTrainers;

/// <summary>
/// An estimator's output <see cref="SchemaShape"/>: the input's columns plus the task's. ML.NET's
/// <c>SchemaShape.Column</c> cannot be made outside ML.NET, so a public ML.NET estimator that adds
/// columns of the same names, kinds and annotations (a CustomMapping with an output schema
/// definition) is asked for the shape; it is never fitted.
/// </summary>
internal static class OutputShape
{
    public static SchemaShape Regression(SchemaShape input) =>
        Append<RegressionOutput>(input, definition => Annotate(definition["Score"], "Regression", "Score"));

    public static SchemaShape Binary(SchemaShape input) => Append<BinaryOutput>(input, definition =>
    {
        Annotate(definition["Score"], "BinaryClassification", "Score");
        Annotate(definition["Probability"], "BinaryClassification", "Probability");
        Annotate(definition["PredictedLabel"], "BinaryClassification", "PredictedLabel");
    });

    public static SchemaShape Multiclass(SchemaShape input) => Append<MulticlassOutput>(input, definition =>
    {
        var score = definition["Score"];
        score.ColumnType = KnownSizeVector(NumberDataViewType.Single);
        score.AddAnnotation(AnnotationUtilsNames.SlotNames, default(VBuffer<ReadOnlyMemory<char>>), new VectorDataViewType(TextDataViewType.Instance));
        Annotate(score, "MulticlassClassification", "Score");
        var label = definition["PredictedLabel"];
        label.ColumnType = new KeyDataViewType(typeof(uint), int.MaxValue);
        label.AddAnnotation(AnnotationUtilsNames.KeyValues, default(VBuffer<ReadOnlyMemory<char>>), new VectorDataViewType(TextDataViewType.Instance));
        Annotate(label, "MulticlassClassification", "PredictedLabel");
    });

    public static SchemaShape MultiLabel(SchemaShape input) => Append<MultiLabelOutput>(input, definition =>
    {
        foreach (var (name, item) in new[] { ("Score", (DataViewType)NumberDataViewType.Single), ("Probability", NumberDataViewType.Single), ("PredictedLabel", BooleanDataViewType.Instance) })
        {
            var column = definition[name];
            column.ColumnType = KnownSizeVector((PrimitiveDataViewType)item);
            column.AddAnnotation(AnnotationUtilsNames.SlotNames, default(VBuffer<ReadOnlyMemory<char>>), new VectorDataViewType(TextDataViewType.Instance));
            Annotate(column, "MultiLabelClassification", name);
        }
    });

    /// <summary>
    /// A vector type whose shape is ML.NET's trainers' known-size vector (<c>VectorKind.Vector</c>): a
    /// shape holds no sizes, so the one given here is seen by no one.
    /// </summary>
    private static VectorDataViewType KnownSizeVector(PrimitiveDataViewType item) => new(item, 1);

    private static void Annotate(SchemaDefinition.Column column, string kind, string value)
    {
        column.AddAnnotation(AnnotationUtilsNames.ScoreColumnKind, kind.AsMemory(), TextDataViewType.Instance);
        column.AddAnnotation(AnnotationUtilsNames.ScoreValueKind, value.AsMemory(), TextDataViewType.Instance);
    }

    private static SchemaShape Append<TOutput>(SchemaShape input, Action<SchemaDefinition> describe) where TOutput : class, new()
    {
        var definition = SchemaDefinition.Create(typeof(TOutput));
        describe(definition);
        // Its constructor is internal to ML.NET: a context of its own only makes it.
        var estimator = new MLContext().Transforms.CustomMapping<NoInput, TOutput>((_, _) => { }, contractName: null, outputSchemaDefinition: definition);
        return estimator.GetOutputSchema(input);
    }

#pragma warning disable CS0649 // Fields that only describe columns.
    private sealed class NoInput;

    private sealed class RegressionOutput
    {
        public float Score;
    }

    private sealed class BinaryOutput
    {
        public float Score;
        public float Probability;
        public bool PredictedLabel;
    }

    private sealed class MulticlassOutput
    {
        public float[]? Score;
        public uint PredictedLabel;
    }
    private sealed class MultiLabelOutput
    {
        public float[]? Score;
        public float[]? Probability;
        public bool[]? PredictedLabel;
    }
#pragma warning restore CS0649
}
