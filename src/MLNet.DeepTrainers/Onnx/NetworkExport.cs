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
            foreach (var line in architecture.SpecLines(i))
            {
                x = Module(graph, line, x, name => Weight(graph, weights, $"{module}.{name}"), $"layer {i} ({architecture.Layers[i].TypeName})");
                module++;
            }
        }
        return Activation(graph, new SpecLine(Layer.ActivationName(architecture.OutputActivation)), x, "the output activation");
    }

    private static string Weight(OnnxGraph graph, IReadOnlyDictionary<string, NamedTensor> weights, string name)
    {
        var tensor = weights[name];
        return graph.Constant(tensor.Values, tensor.Shape);
    }

    private static string Module(OnnxGraph graph, SpecLine line, string x, Func<string, string> weight, string where)
    {
        switch (line.Kind)
        {
            case "dense":
                return line.IntegerOf("bias") == 1
                    ? graph.Node("Gemm", [x, weight("weight"), weight("bias")], OnnxAttribute.Int("transB", 1))
                    : graph.Node("Gemm", [x, weight("weight")], OnnxAttribute.Int("transB", 1));
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
