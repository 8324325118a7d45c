using Onnx;

namespace MLNet.DeepTrainers;

/// <summary>
/// ML.NET's ONNX converter writes operator set 12 (the newest it knows); the network is written at 17
/// (<see cref="OnnxGraph.OperatorSet"/>), and one model has one version of each domain. This takes the
/// converter's nodes to 17: the operators it can emit whose meaning did not change from 12 to 17 as they are,
/// the three whose axes became an input at 13 rewritten, anything else refused by name. Its ONNX-ML nodes are
/// of version 2, the network's too; onnxruntime's own (com.microsoft) have one version.
/// </summary>
internal static class OperatorSetUpgrade
{
    /// <summary>The operator set ML.NET's converter writes by default (its OnnxContextImpl.CurrentOpSetVersion).</summary>
    public const int From = 12;

    /// <summary>
    /// The default domain's operators ML.NET's converters emit (its transforms', scorers' and trainers' SaveAsOnnx)
    /// whose versions from 13 to 17 only add element types (bfloat16, small integers, sequences for Identity) or an
    /// optional input or attribute whose default keeps the old behaviour (Reshape-14's allowzero, Shape-15's start and
    /// end). The Reduce operators other than ReduceSum keep their axes attribute until 18.
    /// </summary>
    private static readonly HashSet<string> Unchanged =
    [
        "Abs", "Add", "ArgMax", "ArgMin", "BitShift", "Cast", "Clip", "Concat", "Div", "Equal", "Exp", "Gather", "GatherElements", "Gemm", "Greater",
        "Identity", "IsNaN", "Log", "Max", "Mul", "Not", "Pow", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceSumSquare", "Reshape", "Shape",
        "Sigmoid", "Sqrt", "StringNormalizer", "Sub", "Sum", "TfIdfVectorizer", "Transpose", "Xor",
    ];

    /// <summary>The operators whose axes attribute became their second input at opset 13, with the same meaning.</summary>
    private static readonly HashSet<string> AxesBecameInput = ["Squeeze", "Unsqueeze", "ReduceSum"];

    /// <summary>
    /// Checks <paramref name="model"/>, the converter's model of <paramref name="stage"/>, is of the versions this
    /// knows, and rewrites its graph's nodes for opset 17 in place.
    /// </summary>
    public static void Apply(ModelProto model, string stage)
    {
        foreach (var import in model.OpsetImport)
        {
            long expected = import.Domain is "" or "ai.onnx" ? From : import.Domain == OnnxGraph.MLDomain ? OnnxGraph.MLOperatorSet : -1;
            if (import.Version != expected)
                throw new InvalidOperationException($"ML.NET's ONNX converter wrote {stage} with version {import.Version} of the domain '{import.Domain}', " +
                    $"but MLNet.DeepTrainers upgrades its nodes from opset {From} and ONNX-ML {OnnxGraph.MLOperatorSet}: the Microsoft.ML.OnnxConverter package is not the version this library was built with.");
        }
        var graph = model.Graph;
        var names = graph.Node.SelectMany(n => n.Output).Concat(graph.Initializer.Select(c => c.Name)).Concat(graph.Input.Select(i => i.Name)).ToHashSet();
        foreach (var node in graph.Node)
        {
            if (node.Domain is OnnxGraph.MLDomain or OnnxGraph.MicrosoftDomain)
                continue;
            if (node.Domain is not ("" or "ai.onnx"))
                throw Refused(stage, $"the operator {node.OpType} of the domain '{node.Domain}'");
            if (AxesBecameInput.Contains(node.OpType))
                MoveAxesToInput(graph, node, names);
            else if (!Unchanged.Contains(node.OpType))
                throw Refused(stage, $"the operator {node.OpType}");
        }
    }

    private static void MoveAxesToInput(GraphProto graph, NodeProto node, HashSet<string> names)
    {
        var axes = node.Attribute.SingleOrDefault(a => a.Name == "axes");
        // Without axes, Squeeze removes every dimension of size 1 and ReduceSum reduces them all, at 12 as at 13.
        if (axes is null)
            return;
        node.Attribute.Remove(axes);
        string name = $"{node.Name}_axes";
        for (int i = 1; !names.Add(name); i++)
            name = $"{node.Name}_axes_{i}";
        var constant = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        constant.Dims.Add(axes.Ints.Count);
        constant.Int64Data.Add(axes.Ints);
        graph.Initializer.Add(constant);
        node.Input.Add(name);
    }

    private static NotSupportedException Refused(string stage, string what) => new(
        $"Exporting the pipeline to ONNX: ML.NET's converter writes {stage} with {what}, which MLNet.DeepTrainers has not checked to mean the same at " +
        $"opset {OnnxGraph.OperatorSet}, the network's. Apply that stage to the data before the model (export the stages after it), or use a transform that ML.NET exports with the operators listed in the README's \"Export\".");
}
