using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers;

/// <summary>
/// A checked stack of layers: the input shape, the layers and each one's output shape, inferred here
/// once and used to build the network, for the summary and for the parameter counts alike.
/// </summary>
internal sealed class NetworkArchitecture
{
    private readonly bool[] _masked;

    /// <param name="inputShape">The shape of one example.</param>
    /// <param name="layers">The layers, in order.</param>
    /// <param name="indexBound">The largest token index when the input is token indices (keys), for the first layer to check; null for numbers.</param>
    public NetworkArchitecture(int[] inputShape, IReadOnlyList<Layer> layers, int? indexBound = null)
    {
        if (layers.Count == 0)
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (inputShape.Length == 0)
            throw new ArgumentException("A network's input shape needs at least one dimension.", nameof(inputShape));
        if (layers.Any(l => l is null))
            throw new ArgumentException("A network's layers must not be null.", nameof(layers));
        InputSize = Layer.Product(inputShape);
        InputShape = inputShape;
        Layers = layers;
        var shapes = new List<int[]>();
        var shape = inputShape;
        _masked = new bool[layers.Count];
        bool mask = false;
        for (int i = 0; i < layers.Count; i++)
        {
            if (i > 0 && layers[i] is Embedding)
                throw new ArgumentException($"Layer {i} is an Embedding; it reads token indices, the network's input, so it can only be the first layer.");
            try
            {
                if (i == 0 && indexBound is int bound)
                    layers[0].CheckIndexInput(bound);
                shape = layers[i].OutputShape(shape);
                Layer.Product(shape);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Layer {i} ({layers[i].TypeName}) does not fit its input of shape {Format(shape)}: {e.Message}", e);
            }
            shapes.Add(shape);
            _masked[i] = mask;
            if (mask && layers[i].MaskUse == MaskUse.Refuses)
                throw new ArgumentException($"Layer {i} ({layers[i].TypeName}) cannot skip the padded steps that the Embedding with maskZero: true marks, as Keras's {layers[i].TypeName} cannot. " +
                    "Put a recurrent layer, GlobalAveragePooling1D or GlobalMaxPooling1D before it, which consume the mask, or set maskZero: false.");
            mask = layers[i] is Embedding { MaskZero: true } || mask && layers[i].MaskUse == MaskUse.PassesOn;
        }
        OutputShapes = shapes;
        if (shape.Length != 1)
            throw new ArgumentException($"The last layer ({layers[^1].TypeName}) outputs shape {Format(shape)}; a network must end with a flat output (add Flatten and Dense).");
    }

    public int[] InputShape { get; }

    /// <summary>The number of values in one input example.</summary>
    public int InputSize { get; }

    public IReadOnlyList<Layer> Layers { get; }

    public IReadOnlyList<int[]> OutputShapes { get; }

    public int OutputWidth => OutputShapes[^1][0];

    public long ParameterCount => Layers.Select((l, i) => l.ParameterCount(InputOf(i))).Sum();

    public long NonTrainableParameterCount => Layers.Select((l, i) => l.NonTrainableParameterCount(InputOf(i))).Sum();

    /// <summary>
    /// The name of the output layer's bias when the network ends in a Dense layer with one and no
    /// activation of its own (the task's sigmoid or softmax is not the layer's), or in such a layer and
    /// the inverting <see cref="Normalization"/> of a regression label; else null.
    /// </summary>
    public string? OutputBias
    {
        get
        {
            int output = Layers[^1] is Normalization { Invert: true } ? Layers.Count - 2 : Layers.Count - 1;
            return output >= 0 && Layers[output] is Dense { UseBias: true, Activation: ActivationKind.Linear }
                ? $"{Layers.Take(output).Sum(l => l.ModuleCount)}.bias"
                : null;
        }
    }

    public int[] InputOf(int layer) => layer == 0 ? InputShape : OutputShapes[layer - 1];

    /// <summary>
    /// Whether a mask of padded steps reaches <paramref name="layer"/>: an <see cref="Embedding"/> with maskZero
    /// starts one, the layers that keep the steps pass it on, and a layer that <see cref="MaskUse.Consumes"/> it ends it.
    /// </summary>
    public bool Masked(int layer) => _masked[layer];

    /// <summary>
    /// A fresh network of these layers with Keras's initial weights, drawn from a generator of its own seeded
    /// with <paramref name="seed"/>: never libtorch's global one, which any other thread of the process (the
    /// application's own TorchSharp code, another fit) may draw from or reseed at the same time.
    /// </summary>
    public SequentialNetwork Build(long seed)
    {
        using var draws = new torch.Generator(unchecked((ulong)seed));
        return new(this, draws);
    }

    /// <summary>
    /// Every tensor the network holds, by its PyTorch <c>nn.Sequential</c> name ("3.weight"), with its
    /// shape: what a weights file must contain, exactly.
    /// </summary>
    public IReadOnlyDictionary<string, long[]> Tensors()
    {
        var tensors = new Dictionary<string, long[]>();
        int module = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            foreach (var tensor in Layers[i].Tensors(InputOf(i)))
                tensors.Add($"{module}.{tensor.Name}", tensor.Shape);
            module += Layers[i].ModuleCount;
        }
        return tensors;
    }

    /// <summary>A Keras-like table of layers, output shapes and parameter counts.</summary>
    public string Summary()
    {
        const string Rule = "_______________________________________________________________________";
        var text = new StringBuilder();
        text.AppendLine("Model: \"sequential\"").AppendLine(Rule);
        text.AppendLine(" Layer (type)                      Output Shape              Param #");
        text.AppendLine(Rule.Replace('_', '='));
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < Layers.Count; i++)
        {
            string type = Layers[i].TypeName;
            string baseName = Keras.SnakeCase(type);
            int n = counts.TryGetValue(baseName, out int c) ? c : 0;
            counts[baseName] = n + 1;
            string name = n == 0 ? baseName : $"{baseName}_{n}";
            long parameters = Layers[i].ParameterCount(InputOf(i)) + Layers[i].NonTrainableParameterCount(InputOf(i));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $" {$"{name} ({type})",-33} {"(None, " + string.Join(", ", OutputShapes[i]) + ")",-25} {parameters,-10:N0}").TrimEnd());
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
