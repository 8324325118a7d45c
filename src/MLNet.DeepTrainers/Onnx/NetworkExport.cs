namespace MLNet.DeepTrainers.Onnx;

/// <summary>
/// A network as ONNX nodes, read from the same spec lines the native shim builds it from (so the two
/// cannot drift apart), with inference semantics: dropout is gone, batch normalization uses its moving
/// statistics. Weights are PyTorch's tensors, whose layouts are ONNX's too.
/// </summary>
internal static class NetworkExport
{
    public static string Write(OnnxGraph graph, NetworkArchitecture architecture, IReadOnlyDictionary<string, NamedTensor> weights, string features)
    {
        string x = features;
        if (architecture.InputShape.Length > 1)
            x = graph.Node("Reshape", [x, graph.Constant([-1L, .. architecture.InputShape.Select(d => (long)d)], architecture.InputShape.Length + 1)]);
        int module = 0;
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            int rank = architecture.InputOf(i).Length;
            foreach (var line in architecture.SpecLines(i))
            {
                int index = module;
                x = Module(graph, line, x, rank, name => weights[$"{index}.{name}"], $"layer {i} ({architecture.Layers[i].TypeName})");
                module++;
            }
        }
        return Activation(graph, new SpecLine(Layer.ActivationName(architecture.OutputActivation)), x, "the output activation");
    }

    /// <summary>
    /// One native module as ONNX nodes. <paramref name="rank"/> is the layer input's rank without the
    /// batch dimension: 2 for a sequence (steps, features), whose layers ONNX takes channels first or
    /// time first, so those are transposed around them.
    /// </summary>
    private static string Module(OnnxGraph graph, SpecLine line, string x, int rank, Func<string, NamedTensor> tensor, string where)
    {
        string weight(string name) => graph.Constant(tensor(name).Values, tensor(name).Shape);
        string channelsFirst(string value) => graph.Node("Transpose", [value], OnnxAttribute.Ints("perm", [0, 2, 1]));
        switch (line.Kind)
        {
            case "dense" when rank == 2:
                var product = graph.Node("MatMul", [x, graph.Node("Transpose", [weight("weight")])]);
                return line.IntegerOf("bias") == 1 ? graph.Node("Add", [product, weight("bias")]) : product;
            case "dense":
                return line.IntegerOf("bias") == 1
                    ? graph.Node("Gemm", [x, weight("weight"), weight("bias")], OnnxAttribute.Int("transB", 1))
                    : graph.Node("Gemm", [x, weight("weight")], OnnxAttribute.Int("transB", 1));
            case "embedding":
                return graph.Node("Gather", [weight("weight"), graph.Cast(x, global::Onnx.TensorProto.Types.DataType.Int64)]);
            case "conv1d":
                var convolved = new List<string> { channelsFirst(x), weight("weight") };
                if (line.IntegerOf("bias") == 1)
                    convolved.Add(weight("bias"));
                return channelsFirst(graph.Node("Conv", convolved, OnnxAttribute.Ints("kernel_shape", [line.IntegerOf("k")]),
                    OnnxAttribute.Ints("strides", [line.IntegerOf("s")]), OnnxAttribute.Ints("pads", [line.IntegerOf("pl"), line.IntegerOf("pr")])));
            case "maxpool1d" or "avgpool1d":
                return channelsFirst(graph.Node(line.Kind == "maxpool1d" ? "MaxPool" : "AveragePool", [channelsFirst(x)],
                    OnnxAttribute.Ints("kernel_shape", [line.IntegerOf("k")]), OnnxAttribute.Ints("strides", [line.IntegerOf("s")])));
            case "global_maxpool1d":
                return graph.Node("ReduceMax", [x], OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 0));
            case "global_avgpool1d" when line.IntegerOf("mask") == 0:
                return graph.Node("ReduceMean", [x], OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 0));
            case "global_avgpool1d" or "simple_rnn" or "lstm" or "gru" when line.IntegerOf("mask") == 1:
                throw new NotSupportedException($"{where}: skipping the padded steps of Embedding(maskZero: true) has no ONNX form here; train with maskZero: false to export.");
            case "simple_rnn" or "lstm" or "gru":
                return RecurrentExport.Write(graph, line, x, tensor);
            case "conv2d":
                // ONNX orders pads as (top, left, bottom, right); Keras's "same" may pad one more at the bottom and right.
                var inputs = new List<string> { x, weight("weight") };
                if (line.IntegerOf("bias") == 1)
                    inputs.Add(weight("bias"));
                return graph.Node("Conv", inputs,
                    OnnxAttribute.Ints("kernel_shape", [line.IntegerOf("kh"), line.IntegerOf("kw")]),
                    OnnxAttribute.Ints("strides", [line.IntegerOf("sh"), line.IntegerOf("sw")]),
                    OnnxAttribute.Ints("pads", [line.IntegerOf("pt"), line.IntegerOf("pl"), line.IntegerOf("pb"), line.IntegerOf("pr")]));
            case "batchnorm":
                return graph.Node("BatchNormalization", [x, weight("weight"), weight("bias"), weight("running_mean"), weight("running_var")],
                    OnnxAttribute.Float("epsilon", (float)line.RealOf("eps")));
            case "prelu":
                return graph.Node("PRelu", [x, weight("alpha")]);
            case "dropout":
                return x;
            case "maxpool2d" or "avgpool2d":
                return graph.Node(line.Kind == "maxpool2d" ? "MaxPool" : "AveragePool", [x],
                    OnnxAttribute.Ints("kernel_shape", [line.IntegerOf("kh"), line.IntegerOf("kw")]),
                    OnnxAttribute.Ints("strides", [line.IntegerOf("sh"), line.IntegerOf("sw")]));
            case "global_avgpool2d":
                return graph.Node("Flatten", [graph.Node("GlobalAveragePool", [x])], OnnxAttribute.Int("axis", 1));
            case "flatten":
                return graph.Node("Flatten", [x], OnnxAttribute.Int("axis", 1));
            case "reshape":
                var shape = line.IntegersOf("shape");
                return graph.Node("Reshape", [x, graph.Constant([-1L, .. shape], shape.Length + 1)]);
            default:
                return Activation(graph, line, x, where);
        }
    }

    /// <summary>The activations as libtorch computes them (GELU exact, through erf; SiLU as x·sigmoid(x)).</summary>
    private static string Activation(OnnxGraph graph, SpecLine line, string x, string where)
    {
        switch (line.Kind)
        {
            case "linear": return x;
            case "relu": return graph.Node("Relu", [x]);
            case "sigmoid": return graph.Node("Sigmoid", [x]);
            case "tanh": return graph.Node("Tanh", [x]);
            case "softmax": return graph.Node("Softmax", [x], OnnxAttribute.Int("axis", 1));
            case "elu": return graph.Node("Elu", [x], OnnxAttribute.Float("alpha", 1));
            case "leaky_relu": return graph.Node("LeakyRelu", [x], OnnxAttribute.Float("alpha", (float)line.RealOf("alpha")));
            case "silu": return graph.Node("Mul", [x, graph.Node("Sigmoid", [x])]);
            case "gelu":
                var erf = graph.Node("Erf", [graph.Node("Mul", [x, graph.Constant([(float)(1 / Math.Sqrt(2))], 1)])]);
                var half = graph.Node("Mul", [x, graph.Constant([0.5f], 1)]);
                return graph.Node("Mul", [half, graph.Node("Add", [erf, graph.Constant([1f], 1)])]);
            default:
                throw new NotSupportedException($"{where}: the network step '{line.Kind}' has no ONNX form.");
        }
    }
}
