using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// A checked stack of layers: the input shape, the layers and each one's output shape, inferred here
/// once and used for the native spec, the summary and the parameter counts alike.
/// </summary>
internal sealed class NetworkArchitecture
{
    public NetworkArchitecture(int[] inputShape, IReadOnlyList<Layer> layers, ActivationKind outputActivation)
    {
        if (layers.Count == 0)
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (inputShape.Length == 0)
            throw new ArgumentException("A network's input shape needs at least one dimension.", nameof(inputShape));
        InputSize = Layer.Product(inputShape);
        if (layers.Any(l => l is null))
            throw new ArgumentException("A network's layers must not be null.", nameof(layers));
        if (!Enum.IsDefined(outputActivation))
            throw new ArgumentException($"The output activation {outputActivation} is not one of {string.Join(", ", Enum.GetNames<ActivationKind>())}.", nameof(outputActivation));
        InputShape = inputShape;
        Layers = layers;
        OutputActivation = outputActivation;
        var shapes = new List<int[]>();
        var masked = new bool[layers.Count];
        var shape = inputShape;
        bool mask = false;
        for (int i = 0; i < layers.Count; i++)
        {
            try
            {
                if (layers[i] is Embedding && i > 0)
                    throw new ArgumentException("an Embedding reads token indices, so it must be the first layer.");
                shape = layers[i].OutputShape(shape);
                Layer.Product(shape);
                masked[i] = mask;
                mask = layers[i].MaskOut(mask);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Layer {i} ({layers[i].TypeName}) does not fit its input of shape {Format(shape)}: {e.Message}", e);
            }
            shapes.Add(shape);
        }
        OutputShapes = shapes;
        _masked = masked;
        if (shape.Length != 1)
            throw new ArgumentException($"The last layer ({layers[^1].TypeName}) outputs shape {Format(shape)}; a network must end with a flat output (add Flatten and Dense).");
    }

    // Whether each layer receives the mask of an Embedding(maskZero: true).
    private readonly bool[] _masked;

    public int[] InputShape { get; }

    /// <summary>The number of values in one input example.</summary>
    public int InputSize { get; }
    public IReadOnlyList<Layer> Layers { get; }
    public IReadOnlyList<int[]> OutputShapes { get; }
    public ActivationKind OutputActivation { get; }
    public int OutputWidth => OutputShapes[^1][0];

    public long ParameterCount => Layers.Select((l, i) => l.ParameterCount(InputOf(i))).Sum();

    public long NonTrainableParameterCount => Layers.Select((l, i) => l.NonTrainableParameterCount(InputOf(i))).Sum();

    public int[] InputOf(int layer) => layer == 0 ? InputShape : OutputShapes[layer - 1];

    /// <summary>The native lines of layer <paramref name="layer"/>, one per module; a layer that reads a mask is told whether one enters it.</summary>
    public IReadOnlyList<SpecLine> SpecLines(int layer)
    {
        var lines = Layers[layer].SpecLines(InputOf(layer)).ToList();
        if (Layers[layer].ReadsMask)
            lines[0].Flag("mask", _masked[layer]);
        return lines;
    }

    /// <summary>The native spec: an input line, one line per module, then the output line.</summary>
    public string Spec()
    {
        var text = new StringBuilder();
        text.Append(new SpecLine("input").Integers("shape", InputShape)).Append('\n');
        for (int i = 0; i < Layers.Count; i++)
        {
            foreach (var line in SpecLines(i))
                text.Append(line).Append('\n');
        }
        text.Append(new SpecLine("output").Integer("width", OutputWidth).Word("activation", Layer.ActivationName(OutputActivation))).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Every tensor the native network holds, by its PyTorch nn.Sequential name ("3.weight"), with its
    /// shape: what a model file must contain, and what the native network must report, exactly.
    /// </summary>
    public IReadOnlyDictionary<string, long[]> Tensors()
    {
        var tensors = new Dictionary<string, long[]>();
        int module = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            foreach (var tensor in Layers[i].Tensors(InputOf(i)))
                tensors.Add($"{module}.{tensor.Name}", tensor.Shape);
            module += SpecLines(i).Count;
        }
        return tensors;
    }

    /// <summary>A Keras-like table of layers, output shapes and parameter counts.</summary>
    public string Summary()
    {
        const string Rule = "_________________________________________________________________";
        var text = new StringBuilder();
        text.AppendLine("Model: \"sequential\"").AppendLine(Rule);
        text.AppendLine(" Layer (type)                Output Shape              Param #");
        text.AppendLine(Rule.Replace('_', '='));
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < Layers.Count; i++)
        {
            string type = Layers[i].TypeName;
            string baseName = type.ToLowerInvariant();
            int n = counts.TryGetValue(baseName, out int c) ? c : 0;
            counts[baseName] = n + 1;
            string name = n == 0 ? baseName : $"{baseName}_{n}";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $" {$"{name} ({type})",-27} {"(None, " + string.Join(", ", OutputShapes[i]) + ")",-25} {Layers[i].ParameterCount(InputOf(i)) + Layers[i].NonTrainableParameterCount(InputOf(i)),-10:N0}").TrimEnd());
            if (i < Layers.Count - 1)
                text.AppendLine();
        }
        text.AppendLine(Rule.Replace('_', '='));
        text.AppendLine(CultureInfo.InvariantCulture, $"Total params: {ParameterCount + NonTrainableParameterCount:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Trainable params: {ParameterCount:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Non-trainable params: {NonTrainableParameterCount:N0}");
        text.Append(Rule);
        return text.ToString();
    }

    private static string Format(int[] shape) => "(" + string.Join(", ", shape) + ")";
}
