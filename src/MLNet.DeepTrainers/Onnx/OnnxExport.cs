using Onnx;

namespace MLNet.DeepTrainers.Onnx;

/// <summary>Turns a fitted pipeline into an ONNX model: every stage checked first, then written in order.</summary>
internal static class OnnxExport
{
    public static ModelProto Convert(ITransformer model, DataViewSchema input, IReadOnlyCollection<string>? outputColumns)
    {
        var stages = Stages(model).ToList();
        // Name the first stage that cannot be exported before anything is built.
        for (int i = 0; i < stages.Count; i++)
        {
            if (stages[i] is not IOnnxExportable)
                throw new NotSupportedException($"Stage {i} of the pipeline ({Describe(stages[i])}) cannot be exported to ONNX: " +
                    (stages[i].GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(CustomMappingTransformer<,>)
                        ? "its mapping is C# code, which ONNX cannot run."
                        : "this library has no ONNX form for it yet (README: \"ONNX export\" lists the stages that export)."));
        }
        var graph = new OnnxGraph(input);
        var schema = input;
        for (int i = 0; i < stages.Count; i++)
        {
            var output = stages[i].GetOutputSchema(schema);
            try
            {
                ((IOnnxExportable)stages[i]).ExportOnnx(graph, schema, output);
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"Stage {i} of the pipeline ({Describe(stages[i])}) cannot be exported to ONNX: {e.Message}", e);
            }
            // Columns a stage dropped (SelectColumns, DropColumns) leave the graph too.
            foreach (var gone in graph.ColumnNames.Where(name => output.GetColumnOrNull(name) is null).ToList())
                graph.RemoveColumn(gone);
            schema = output;
        }
        return graph.Finish(Outputs(schema, outputColumns));
    }

    /// <summary>The columns that become graph outputs: those asked for, or every column ONNX can carry, as ML.NET does.</summary>
    private static IEnumerable<DataViewSchema.Column> Outputs(DataViewSchema schema, IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0)
            return schema.Where(c => OnnxTypes.ElementType(c.Type) is not null);
        return names.Select(name => schema.GetColumnOrNull(name) is { } column ? column
            : throw new ArgumentException($"The output column '{name}' is not in the pipeline's output (it has {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}).", nameof(names)));
    }

    private static IEnumerable<ITransformer> Stages(ITransformer model) => model is IEnumerable<ITransformer> chain ? chain.SelectMany(Stages) : [model];

    private static string Describe(ITransformer stage)
    {
        string name = stage.GetType().Name;
        return name.Contains('`') ? name[..name.IndexOf('`')] : name;
    }
}
