using Microsoft.ML.Runtime;
using Onnx;

namespace MLNet.DeepTrainers;

/// <summary>
/// One stage of a pipeline that is ML.NET's (or several), as ML.NET's own ONNX converter writes it: converted
/// alone over the columns it reads (<see cref="SchemaOnlyView"/>), so its graph's inputs are those columns under
/// their names and its outputs the columns after it, each "&lt;column&gt;.output" copied from the value that
/// holds it; then taken to the network's opset (<see cref="OperatorSetUpgrade"/>). A stage the converter cannot
/// write is refused here, before a model is written, by its position and type.
/// </summary>
internal sealed class MLNetOnnxStage
{
    /// <summary>ML.NET's converter names each output after its column with this suffix (its SaveOnnxCommand).</summary>
    public const string OutputSuffix = ".output";

    private readonly GraphProto _graph;

    private MLNetOnnxStage(GraphProto graph) => _graph = graph;

    /// <summary>
    /// The converter's graph of <paramref name="stage"/> (<paramref name="name"/> in errors) over data of
    /// <paramref name="input"/>; with <paramref name="outputs"/>, only those columns are outputs.
    /// </summary>
    public static MLNetOnnxStage Convert(ITransformer stage, DataViewSchema input, string name, IReadOnlyList<string>? outputs = null)
    {
        var ml = new MLContext();
        // The converter's only word that it left a stage out: it stops walking back through the pipeline
        // there, and a stage that replaces a column in place would otherwise come out as a copy of its input.
        string? skipped = null;
        ml.Log += (_, e) => skipped ??= e.Kind == ChannelMessageKind.Warning && e.Message.Contains("cannot save itself as ONNX", StringComparison.Ordinal) ? e.Message : null;
        using var stream = new MemoryStream();
        try
        {
            var data = new SchemaOnlyView(input);
            if (outputs is null)
                ml.Model.ConvertToOnnx(stage, data, stream);
            else
                ml.Model.ConvertToOnnx(stage, data, stream, [.. outputs]);
        }
        catch (Exception e)
        {
            throw Refused(name, e.Message, e);
        }
        if (skipped is not null)
            throw Refused(name, skipped, null);
        var model = ModelProto.Parser.ParseFrom(stream.ToArray());
        OperatorSetUpgrade.Apply(model, name);
        return new MLNetOnnxStage(model.Graph);
    }

    /// <summary>The graph's inputs as the converter declares them (rows first, of unknown number).</summary>
    public IReadOnlyList<ValueInfoProto> Inputs => _graph.Input;

    /// <summary>
    /// Adds the stage to <paramref name="graph"/>, its inputs read from <paramref name="columns"/> (each column's
    /// value), and returns each column after it with its value. The converter's output copies and slot-name nodes
    /// are left out: the next stage reads the values themselves.
    /// </summary>
    public Dictionary<string, string> Splice(OnnxGraph graph, IReadOnlyDictionary<string, string> columns)
    {
        var outputs = _graph.Output.Select(o => o.Name).ToHashSet();
        var names = graph.Splice(_graph.Node.Where(n => !n.Output.All(outputs.Contains)), _graph.Initializer, Bound(columns), new HashSet<string>());
        return _graph.Node.Where(n => n.OpType == "Identity" && n.Output.Count == 1 && n.Output[0].EndsWith(OutputSuffix, StringComparison.Ordinal) && outputs.Contains(n.Output[0]))
            .ToDictionary(n => n.Output[0][..^OutputSuffix.Length], n => names[n.Input[0]]);
    }

    /// <summary>Adds the stage to <paramref name="graph"/> as its last, its inputs read from <paramref name="columns"/>, its outputs the graph's, under the converter's names.</summary>
    public void SpliceAsOutputs(OnnxGraph graph, IReadOnlyDictionary<string, string> columns)
    {
        graph.Splice(_graph.Node, _graph.Initializer, Bound(columns), _graph.Output.Select(o => o.Name).ToHashSet());
        foreach (var output in _graph.Output)
            graph.Output(output);
    }

    private Dictionary<string, string> Bound(IReadOnlyDictionary<string, string> columns) => _graph.Input.ToDictionary(i => i.Name, i => columns.TryGetValue(i.Name, out var value) ? value
        : throw new InvalidOperationException($"ML.NET's converter reads a column '{i.Name}' the pipeline does not have at this stage; this is a bug in MLNet.DeepTrainers."));

    private static NotSupportedException Refused(string stage, string reason, Exception? inner) => new(
        $"Exporting the pipeline to ONNX: ML.NET's ONNX converter cannot write {stage} ({reason.TrimEnd('.')}). ML.NET exports only its transforms that can " +
        "save themselves as ONNX (a CustomMapping never; NormalizeText only when it keeps diacritics, punctuation and numbers). Replace the stage with " +
        "transforms ML.NET exports, or apply it and the stages before it to the data yourself and export a TransformerChain of the stages after it, with " +
        "the data they read as inputData.", inner);
}
