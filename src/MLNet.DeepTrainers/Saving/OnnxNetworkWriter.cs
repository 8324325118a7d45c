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
    private string? _realSteps;

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
        string? mask = null;
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            var layer = architecture.Layers[i];
            var input = architecture.InputOf(i);
            writer._layer = $"layer {i} ({layer.TypeName})";
            writer.CheckWeights(layer, input);
            writer.Mask = architecture.Masked(i) ? mask : null;
            if (layer is Embedding { MaskZero: true })
                mask = writer.PaddingMask(x);
            x = layer.ExportOnnx(writer, input, x);
            writer._module += layer.ModuleCount;
        }
        return x;
    }

    /// <summary>
    /// The mask of padded steps that reaches the current layer, [rows, steps], 1 for a real step and 0 for
    /// padding (<see cref="NetworkArchitecture.Masked"/>); null when none does.
    /// </summary>
    public string? Mask { get; private set; }

    /// <summary>How many steps of each row are real, [rows, 1], from <see cref="Mask"/> (a network has one at most: its Embedding's).</summary>
    public string RealSteps() => _realSteps ??= Node("ReduceSum", [Mask ?? throw new InvalidOperationException($"{_layer} counts real steps without a mask; this is a bug in MLNet.DeepTrainers."), Integers(1)], OnnxAttribute.Int("keepdims", 1));

    /// <summary>An int64 vector, for the operators that take axes, sizes or pads as an input.</summary>
    public string Integers(params long[] values) => _graph.Constant(values, values.Length);

    /// <summary>An int64 scalar (0-dimensional), for the operators that take one axis as an input.</summary>
    public string Integer(long value) => _graph.Constant(new[] { value });

    /// <summary>Adds a node and returns its output value.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) => _graph.Node(op, inputs, attributes);

    /// <summary>Adds a node with its first <paramref name="outputs"/> outputs and returns them.</summary>
    public string[] Node(string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes) => _graph.Node(op, inputs, outputs, attributes);

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
    public string Scalar(float value) => _graph.Constant([value]);

    /// <summary>A constant float tensor.</summary>
    public string Constant(float[] values, params long[] shape) => _graph.Constant(values, shape);

    /// <summary>The current layer's trained tensor <paramref name="name"/>, as values, for a layer that rearranges them.</summary>
    public NamedTensor Trained(string name) => _weights[$"{_module}.{name}"];

    /// <summary><paramref name="x"/> [rows, a, b] as [rows, b, a]: Keras's (steps, channels) as ONNX's channels first, and back.</summary>
    public string SwapLastAxes(string x) => Node("Transpose", [x], OnnxAttribute.Ints("perm", [0, 2, 1]));

    /// <summary>Which steps of <paramref name="indices"/> [rows, steps] are real, as 1 or 0: index 0 is padding (<see cref="Embedding.PaddingMask"/>).</summary>
    private string PaddingMask(string indices) =>
        Node("Cast", [Node("Not", [Node("Equal", [indices, Scalar(0)])])], OnnxAttribute.Int("to", (long)TensorProto.Types.DataType.Float));

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
