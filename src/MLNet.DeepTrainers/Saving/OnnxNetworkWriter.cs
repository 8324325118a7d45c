using Onnx;

namespace MLNet.DeepTrainers;

/// <summary>
/// Writes a trained network as ONNX nodes with inference semantics (dropout passes everything through,
/// batch normalization uses its running statistics): the flat features are given the architecture's
/// input shape, rows first, as <see cref="SequentialNetwork"/>'s forward does, then each layer writes its
/// own nodes (<see cref="Layer.ExportOnnx"/>) with its trained weights, read here by their PyTorch names
/// ("3.weight": the module number is the sum of the layers' <see cref="Layer.ModuleCount"/> before it).
/// PyTorch's layouts of kernels are ONNX's too.
/// </summary>
internal sealed class OnnxNetworkWriter
{
    /// <summary>
    /// The most bytes of weights a saved network may have: OnnxTransformer reads one ONNX file, a protobuf
    /// message, and protobuf messages stop at 2 GiB.
    /// </summary>
    private const long MaxWeightBytes = 2_000_000_000;

    private readonly OnnxGraph _graph;
    private readonly IReadOnlyDictionary<string, NamedTensor> _weights;
    private int _module;
    private string _layer = "";

    private OnnxNetworkWriter(OnnxGraph graph, IReadOnlyDictionary<string, NamedTensor> weights)
    {
        _graph = graph;
        _weights = weights;
    }

    /// <summary>Writes <paramref name="model"/>'s network over the flat features <paramref name="features"/> (rows of the input size); returns its raw outputs, [rows, output width].</summary>
    public static string Write(OnnxGraph graph, DeepModel model, string features)
    {
        var architecture = model.Architecture;
        var weights = model.GetWeights();
        long bytes = weights.Values.Sum(t => t.Values.LongLength * sizeof(float));
        if (bytes > MaxWeightBytes)
            throw new NotSupportedException($"Saving the model: its network's weights take {bytes:N0} bytes, more than the {MaxWeightBytes:N0} an ONNX file inside an ML.NET model can hold. " +
                "Save the weights on their own with model.Model.SaveWeights(path) instead, and train a smaller network to save it whole.");
        var writer = new OnnxNetworkWriter(graph, weights);
        string x = graph.Reshape(features, architecture.InputShape);
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            var layer = architecture.Layers[i];
            var input = architecture.InputOf(i);
            writer._layer = $"layer {i} ({layer.TypeName})";
            writer.CheckWeights(layer, input);
            x = layer.ExportOnnx(writer, input, x);
            writer._module += layer.ModuleCount;
        }
        return x;
    }

    /// <summary>Adds a node and returns its output value.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) => _graph.Node(op, inputs, attributes);

    /// <summary><paramref name="value"/> reshaped to [rows, <paramref name="shape"/>...].</summary>
    public string Reshape(string value, IEnumerable<int> shape) => _graph.Reshape(value, shape);

    /// <summary>The current layer's trained tensor <paramref name="name"/> ("weight", "running_mean", ...) as a constant.</summary>
    public string Weight(string name)
    {
        var tensor = _weights[$"{_module}.{name}"];
        return _graph.Constant(tensor.Values, tensor.Shape);
    }

    /// <summary>
    /// The activation of <paramref name="kind"/> over <paramref name="x"/>, as libtorch computes it
    /// (<see cref="Layer.ActivationModule"/>): GELU exact, through erf; Swish as x·sigmoid(x); softmax over the last axis.
    /// </summary>
    public string Activation(ActivationKind kind, string x) => kind switch
    {
        ActivationKind.Linear => x,
        ActivationKind.ReLU => Node("Relu", [x]),
        ActivationKind.LeakyReLU => Node("LeakyRelu", [x], OnnxAttribute.Float("alpha", LeakyReLU.DefaultAlpha)),
        ActivationKind.ELU => Node("Elu", [x], OnnxAttribute.Float("alpha", 1)),
        // PyTorch's constants, rounded to float (ONNX's defaults are the same numbers).
        ActivationKind.SELU => Node("Selu", [x], OnnxAttribute.Float("alpha", 1.6732632423543772f), OnnxAttribute.Float("gamma", 1.0507009873554805f)),
        ActivationKind.Sigmoid => Node("Sigmoid", [x]),
        ActivationKind.Tanh => Node("Tanh", [x]),
        ActivationKind.Softmax => Node("Softmax", [x], OnnxAttribute.Int("axis", -1)),
        ActivationKind.Swish => Node("Mul", [x, Node("Sigmoid", [x])]),
        ActivationKind.GELU => Node("Mul", [Node("Mul", [x, Scalar(0.5f)]), Node("Add", [Node("Erf", [Node("Mul", [x, Scalar((float)(1 / Math.Sqrt(2)))])]), Scalar(1)])]),
        _ => throw new ArgumentException($"{_layer}: the activation {kind} has no ONNX form; it is not one of {string.Join(", ", Enum.GetNames<ActivationKind>())}."),
    };

    /// <summary>A constant float scalar, broadcast against any tensor.</summary>
    private string Scalar(float value) => _graph.Constant([value]);

    /// <summary>Checks the trained weights hold every tensor the layer declares, with its shape, under the layer's module number.</summary>
    private void CheckWeights(Layer layer, int[] input)
    {
        foreach (var tensor in layer.Tensors(input))
        {
            string name = $"{_module}.{tensor.Name}";
            if (!_weights.TryGetValue(name, out var found) || !found.Shape.SequenceEqual(tensor.Shape))
                throw new InvalidOperationException($"Saving the model: {_layer} needs the weight '{name}' [{string.Join(", ", tensor.Shape)}], but the trained network has " +
                    (found is null ? "no such weight" : $"it as [{string.Join(", ", found.Shape)}]") + ". The network's modules are not numbered as its layers say; this is a bug in MLNet.DeepTrainers.");
        }
    }
}
