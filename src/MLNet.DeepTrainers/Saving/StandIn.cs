using DataType = Onnx.TensorProto.Types.DataType;

namespace MLNet.DeepTrainers;

/// <summary>
/// What stands in for a <see cref="DeepPredictionTransformer"/> inside ML.NET's model file: a chain of
/// ML.NET's own public transformers that adds the same columns, so that <c>ml.Model.Load</c> needs no
/// registration call and no TorchSharp:
/// <list type="number">
/// <item>OnnxTransformer over the network as ONNX: the feature column in; out, the raw outputs, or for
/// multiclass the softmax <c>Score</c> (with the class names as slot names) and the predicted class's key value;</item>
/// <item>a CustomMapping of this library (<see cref="RegressionScoreMapping"/>, <see cref="BinaryScoreMapping"/>,
/// <see cref="PredictedClassMapping{T}"/>) turning OnnxTransformer's vectors into the task's scalar columns;
/// ML.NET saves the mapping's assembly name beside its contract name, and on load loads and registers
/// that assembly itself;</item>
/// <item>for multiclass, MapValueToKey over the predicted class's key value, keyed by the label's key values,
/// giving the label's key type and key values;</item>
/// <item>DropColumns of the columns in between.</item>
/// </list>
/// Built when saving, never when fitting, and let go after.
/// </summary>
internal static class StandIn
{
    /// <summary>The network's raw outputs (regression, binary), between OnnxTransformer and the mapping; saved models hold the name.</summary>
    public const string OutputsColumn = "MLNet.DeepTrainers.Outputs";

    /// <summary>The predicted class's name as OnnxTransformer gives it, a vector of one; saved models hold the name.</summary>
    public const string PredictedClassColumn = "MLNet.DeepTrainers.PredictedClass";

    /// <summary>The predicted class's name as a scalar, which MapValueToKey reads; saved models hold the name.</summary>
    public const string PredictedClassNameColumn = "MLNet.DeepTrainers.PredictedClassName";

    private const string ScoreColumn = "Score";

    /// <summary>The multiclass column the label's key comes back in.</summary>
    public const string PredictedLabelColumn = "PredictedLabel";

    /// <summary>Saves <paramref name="transformer"/> into <paramref name="ctx"/> as its stand-in chain.</summary>
    public static void Save(DeepPredictionTransformer transformer, ModelSaveContext ctx)
    {
        // OnnxTransformer reads the ONNX file again when it saves; given a stream instead, it would copy it
        // to a temporary file of its own and never delete it.
        string onnxFile = Path.Combine(Path.GetTempPath(), $"MLNet.DeepTrainers-{Guid.NewGuid():N}.onnx");
        try
        {
            using var chain = Build(transformer, onnxFile);
            ((ICanSaveModel)chain).Save(ctx);
        }
        finally
        {
            File.Delete(onnxFile);
        }
    }

    /// <summary>The stand-in chain of <paramref name="transformer"/>, fitted, its network written to <paramref name="onnxFile"/>.</summary>
    private static TransformerChain<ITransformer> Build(DeepPredictionTransformer transformer, string onnxFile)
    {
        var ml = new MLContext();
        string features = transformer.FeatureColumnName;
        bool multiclass = transformer.Columns is MulticlassColumns;
        string[] outputs = transformer.Columns switch
        {
            MulticlassColumns => [ScoreColumn, PredictedClassColumn],
            MultiLabelColumns columns => [.. columns.Columns.Select(c => c.Name)],
            _ => [OutputsColumn],
        };
        if (outputs.Contains(features))
            throw new NotSupportedException($"Saving the {transformer.Task.Catalog} model: its feature column is named '{features}', as is a column the saved model makes on the way. " +
                "Copy the features to a column of another name (ml.Transforms.CopyColumns) before the trainer, and train on that.");

        var graph = new OnnxGraph();
        string logits = OnnxNetworkWriter.Write(graph, transformer.Model, transformer.Features.ExportOnnx(graph));
        var steps = new List<IEstimator<ITransformer>>();
        if (multiclass)
        {
            string[] classes = ((MulticlassColumns)transformer.Columns).ClassNames;
            graph.Output(MulticlassColumns.Probabilities(graph, logits), ScoreColumn, DataType.Float, classes.Length);
            graph.SlotNames(ScoreColumn, classes);
            var mapping = PredictedClass(transformer, graph, MulticlassColumns.PredictedIndex(graph, logits));
            steps.Add(Network(ml, graph, onnxFile, features, outputs));
            steps.AddRange(mapping(ml));
            steps.Add(ml.Transforms.DropColumns(PredictedClassColumn, PredictedClassNameColumn));
        }
        else if (transformer.Columns is MultiLabelColumns multiLabel)
        {
            // The three columns come straight out of the graph, as vectors with the labels' names: no mapping is needed.
            int labels = multiLabel.LabelNames.Count;
            string[] values = multiLabel.ExportOnnx(graph, logits);
            DataType[] types = [DataType.Float, DataType.Float, DataType.Bool];
            for (int i = 0; i < outputs.Length; i++)
            {
                graph.Output(values[i], outputs[i], types[i], labels);
                graph.SlotNames(outputs[i], multiLabel.LabelNames);
            }
            steps.Add(Network(ml, graph, onnxFile, features, outputs));
        }
        else
        {
            graph.Output(logits, OutputsColumn, DataType.Float, 1);
            steps.Add(Network(ml, graph, onnxFile, features, outputs));
            steps.Add(transformer.Columns is BinaryColumns
                ? ml.Transforms.CustomMapping(new BinaryScoreMapping().GetMapping(), BinaryScoreMapping.ContractName)
                : ml.Transforms.CustomMapping(new RegressionScoreMapping().GetMapping(), RegressionScoreMapping.ContractName));
            steps.Add(ml.Transforms.DropColumns(OutputsColumn));
        }

        var data = NoRows(ml, features, transformer.FeatureColumnType);
        int inputColumns = data.Schema.Count;
        var fitted = new List<ITransformer>();
        try
        {
            foreach (var step in steps)
            {
                var stage = step.Fit(data);
                fitted.Add(stage);
                data = stage.Transform(data);
            }
            CheckColumns(transformer, data.Schema.Skip(inputColumns).Where(c => !c.IsHidden).ToList());
            return new TransformerChain<ITransformer>([.. fitted]);
        }
        catch
        {
            foreach (var stage in fitted)
                (stage as IDisposable)?.Dispose();
            throw;
        }
    }

    private static IEstimator<ITransformer> Network(MLContext ml, OnnxGraph graph, string onnxFile, string features, string[] outputs)
    {
        File.WriteAllBytes(onnxFile, graph.ToBytes());
        return ml.Transforms.ApplyOnnxModel(outputs, [features], onnxFile);
    }

    /// <summary>
    /// The steps that give a loaded model's PredictedLabel the label's key type and key values
    /// (<see cref="CheckColumns"/> then checks it keeps them as they are), the predicted class's key value
    /// written as an output of <paramref name="graph"/>: the mapping of the label's type of key values.
    /// </summary>
    private static Func<MLContext, IEnumerable<IEstimator<ITransformer>>> PredictedClass(DeepPredictionTransformer transformer, OnnxGraph graph, string index)
    {
        var predicted = transformer.Columns.Columns.Single(c => c.Name == PredictedLabelColumn);
        var keyValues = predicted.Annotations.Schema.GetColumnOrNull(AnnotationUtilsNames.KeyValues);
        var type = (keyValues?.Type as VectorDataViewType)?.ItemType.RawType;
        var mapping = predicted.Type.RawType == typeof(uint) ? PredictedClassMappings.All.FirstOrDefault(m => m.KeyValueType == type) : null;
        return mapping?.Steps(graph, index, predicted.Annotations) ?? throw new NotSupportedException(
            $"Saving the MulticlassClassification model: its label column '{transformer.LabelColumnName}' is {predicted.Type} " +
            (keyValues is { } column ? $"with key values of {column.Type}" : "without key values") +
            ", but a saved model gives the predicted label back through ML.NET's MapValueToKey, which needs the label's key values, of text or a number type. " +
            $"Make the label with ml.Transforms.Conversion.MapValueToKey(\"{transformer.LabelColumnName}\", ...) and train again.");
    }

    /// <summary>Checks the chain adds exactly the columns the transformer adds: names, types and key values.</summary>
    private static void CheckColumns(DeepPredictionTransformer transformer, IReadOnlyList<DataViewSchema.Column> added)
    {
        var expected = transformer.Columns.Columns;
        for (int i = 0; i < Math.Max(expected.Count, added.Count); i++)
        {
            string? problem = i >= expected.Count ? $"adds the column '{added[i].Name}' the model does not"
                : i >= added.Count ? $"lacks the column '{expected[i].Name}'"
                : added[i].Name != expected[i].Name || !added[i].Type.Equals(expected[i].Type) ? $"makes '{added[i].Name}' of {added[i].Type} where the model makes '{expected[i].Name}' of {expected[i].Type}"
                : !Equals(KeyValueType(added[i].Annotations), KeyValueType(expected[i].Annotations)) || !KeyNames.ValuesOf(added[i].Annotations).SequenceEqual(KeyNames.ValuesOf(expected[i].Annotations))
                    ? $"gives '{added[i].Name}' the key values [{string.Join(", ", KeyNames.ValuesOf(added[i].Annotations))}] ({KeyValueType(added[i].Annotations)}) where the model has [{string.Join(", ", KeyNames.ValuesOf(expected[i].Annotations))}] ({KeyValueType(expected[i].Annotations)})"
                : null;
            if (problem is not null)
                throw new NotSupportedException($"Saving the {transformer.Task.Catalog} model: the saved form {problem}. " + (i < expected.Count && expected[i].Name == PredictedLabelColumn
                    ? $"The label column '{transformer.LabelColumnName}' must have distinct, non-empty key values without leading or trailing spaces, as ml.Transforms.Conversion.MapValueToKey makes them."
                    : "This is a bug in MLNet.DeepTrainers."));
        }
    }

    private static DataViewType? KeyValueType(DataViewSchema.Annotations annotations) => annotations.Schema.GetColumnOrNull(AnnotationUtilsNames.KeyValues)?.Type;

    /// <summary>No rows, with the feature column as the model reads it: what the chain's steps are fitted on (none reads a row).</summary>
    private static IDataView NoRows(MLContext ml, string features, DataViewType type) => type switch
    {
        VectorDataViewType { ItemType: KeyDataViewType } => NoRows<KeysRow>(ml, features, type),
        VectorDataViewType => NoRows<VectorRow>(ml, features, type),
        _ => NoRows<ScalarRow>(ml, features, type),
    };

    private static IDataView NoRows<TRow>(MLContext ml, string features, DataViewType type)
        where TRow : class
    {
        var definition = SchemaDefinition.Create(typeof(TRow));
        definition[0].ColumnName = features;
        definition[0].ColumnType = type;
        return ml.Data.LoadFromEnumerable(Array.Empty<TRow>(), definition);
    }

    private sealed class VectorRow
    {
        public float[] Features = [];
    }

    private sealed class KeysRow
    {
        public uint[] Features = [];
    }

#pragma warning disable CS0649 // A field that only describes a column.
    private sealed class ScalarRow
    {
        public float Features;
    }
#pragma warning restore CS0649
}
