using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Onnx;

namespace MLNet.DeepTrainers;

/// <summary>
/// A fitted pipeline holding deep trainers as one ONNX model (opset 17), built stage by stage over the
/// pipeline's columns: each ML.NET stage as ML.NET's converter writes it (<see cref="MLNetOnnxStage"/>), each
/// network as this library writes it, over the value the stages before it left in its feature column, with its
/// task's columns after it (<see cref="PredictionColumns.ExportOnnx"/>). The model's inputs are the pipeline's
/// input columns, declared as ML.NET's converter declares them; its outputs the columns after the last stage,
/// named and declared as the converter names and declares them ("Score.output"), a key column with key values
/// given as its values (through ML.NET's own MapKeyToValue and its converter). Everything is built in memory and
/// refused, naming the stage, before a byte is written.
/// </summary>
internal static class PipelineExport
{
    /// <summary>The model of <paramref name="model"/> over data of <paramref name="input"/>, its outputs <paramref name="outputColumns"/> (all columns when empty).</summary>
    public static byte[] Export(ITransformer model, DataViewSchema input, IReadOnlyList<string> outputColumns)
    {
        var schema = new SchemaOnlyView(input).Schema;
        string[] outputs = Outputs(new SchemaOnlyView(model.GetOutputSchema(schema)).Schema, outputColumns);
        var graph = new OnnxGraph();
        var inputs = MLNetOnnxStage.Convert(new TransformerChain<ITransformer>(), input, "the pipeline's input columns");
        var columns = inputs.Inputs.ToDictionary(i => i.Name, graph.Input);
        foreach (var (name, stage) in Stages(model, null))
        {
            if (stage is DeepPredictionTransformer network)
            {
                string features = network.Features.ExportOnnx(graph, columns[network.CheckFeatures(schema).Name]);
                string[] values = network.Columns.ExportOnnx(graph, OnnxNetworkWriter.Write(graph, network.Model, features));
                for (int i = 0; i < values.Length; i++)
                    columns[network.Columns.Columns[i].Name] = values[i];
            }
            else if (stage is OnnxTransformer)
            {
                throw new NotSupportedException($"Exporting the pipeline to ONNX: {name} runs an ONNX model inside ML.NET, which ML.NET's converter cannot write; " +
                    "a model loaded from an ML.NET .zip holds each network so. Export the model Fit returned, in the process that trained it.");
            }
            else
            {
                columns = MLNetOnnxStage.Convert(stage, schema, name).Splice(graph, columns);
            }
            schema = new SchemaOnlyView(stage.GetOutputSchema(schema)).Schema;
        }
        MLNetOnnxStage.Convert(KeysToValues(schema, outputs), schema, "the pipeline's output columns", outputColumns.Count == 0 ? null : outputs)
            .SpliceAsOutputs(graph, columns);
        graph.Prune();
        return graph.ToBytes();
    }

    /// <summary>The columns the model outputs: <paramref name="requested"/>, each checked to be a column after the last stage, or every such column.</summary>
    private static string[] Outputs(DataViewSchema schema, IReadOnlyList<string> requested)
    {
        foreach (string name in requested)
        {
            if (schema.GetColumnOrNull(name) is null)
                throw new ArgumentOutOfRangeException(nameof(requested), $"Exporting the pipeline to ONNX: it has no column '{name}' to output; its columns after the last stage are {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}.");
        }
        return requested.Count > 0 ? [.. requested.Distinct()] : [.. schema.Select(c => c.Name)];
    }

    /// <summary>
    /// ML.NET's MapKeyToValue over the output columns of keys with key values (a multiclass PredictedLabel, a
    /// MapValueToKey column), in place: ONNX has no key type, and a key's number means nothing without the values,
    /// as ML.NET's own command-line exporter decides for PredictedLabel. Nothing when none is.
    /// </summary>
    private static ITransformer KeysToValues(DataViewSchema schema, IEnumerable<string> outputs)
    {
        var keyed = outputs.Where(name => KeyNames.HaveValues(schema[name])).Select(name => new InputOutputColumnPair(name, name)).ToArray();
        return keyed.Length == 0 ? new TransformerChain<ITransformer>() : new MLContext().Transforms.Conversion.MapKeyToValue(keyed).Fit(new SchemaOnlyView(schema));
    }

    /// <summary>
    /// The pipeline's stages in order, each with its name for errors: its position (from 0, as a TransformerChain
    /// enumerates them; a chain within a chain adds a level, "2.0") and its type.
    /// </summary>
    private static IEnumerable<(string Name, ITransformer Stage)> Stages(ITransformer model, string? position) => model switch
    {
        IEnumerable<ITransformer> chain => chain.SelectMany((stage, i) => Stages(stage, position is null ? $"{i}" : $"{position}.{i}")),
        _ => [($"the pipeline's stage {position ?? "0"} ({model.GetType().Name.Split('`')[0]})", model)],
    };
}
