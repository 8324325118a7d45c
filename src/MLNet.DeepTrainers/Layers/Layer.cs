using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers;

/// <summary>
/// A layer of a network, as a plain description with Keras's names and defaults. Shapes are inferred
/// before any tensor exists, so a misfit fails early with the layer's name and index; the layer then
/// builds its TorchSharp modules.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "layer")]
[JsonDerivedType(typeof(Dense), "Dense")]
[JsonDerivedType(typeof(Dropout), "Dropout")]
[JsonDerivedType(typeof(Activation), "Activation")]
[JsonDerivedType(typeof(Conv2D), "Conv2D")]
[JsonDerivedType(typeof(MaxPooling2D), "MaxPooling2D")]
[JsonDerivedType(typeof(AveragePooling2D), "AveragePooling2D")]
[JsonDerivedType(typeof(GlobalAveragePooling2D), "GlobalAveragePooling2D")]
[JsonDerivedType(typeof(Flatten), "Flatten")]
[JsonDerivedType(typeof(BatchNormalization), "BatchNormalization")]
[JsonDerivedType(typeof(Reshape), "Reshape")]
[JsonDerivedType(typeof(LeakyReLU), "LeakyReLU")]
[JsonDerivedType(typeof(PReLU), "PReLU")]
[JsonDerivedType(typeof(Normalization), "Normalization")]
[JsonDerivedType(typeof(Embedding), "Embedding")]
[JsonDerivedType(typeof(Conv1D), "Conv1D")]
[JsonDerivedType(typeof(MaxPooling1D), "MaxPooling1D")]
[JsonDerivedType(typeof(AveragePooling1D), "AveragePooling1D")]
[JsonDerivedType(typeof(GlobalMaxPooling1D), "GlobalMaxPooling1D")]
[JsonDerivedType(typeof(GlobalAveragePooling1D), "GlobalAveragePooling1D")]
[JsonDerivedType(typeof(SimpleRNN), "SimpleRNN")]
[JsonDerivedType(typeof(LSTM), "LSTM")]
[JsonDerivedType(typeof(GRU), "GRU")]
[JsonDerivedType(typeof(Bidirectional), "Bidirectional")]
public abstract record Layer
{
    private protected Layer() { }

    /// <summary>The output shape (without the batch dimension) for an input of <paramref name="input"/>; throws if the input does not fit.</summary>
    internal abstract int[] OutputShape(int[] input);

    /// <summary>
    /// What the layer does with the mask of padded steps that an <see cref="Embedding"/> with maskZero
    /// starts (Keras's supports_masking and compute_mask): most layers cannot honour one and refuse it, as Keras's do.
    /// </summary>
    internal virtual MaskUse MaskUse => MaskUse.Refuses;

    /// <summary>
    /// The tensors of the layer's first module, by PyTorch name ("weight", "bias", ...), for an input of
    /// <paramref name="input"/>: the one description of a layer's weights, from which parameter counts,
    /// the summary and a weights file's expected tensors all come.
    /// </summary>
    internal virtual IEnumerable<LayerTensor> Tensors(int[] input) => [];

    /// <summary>
    /// The layer's TorchSharp modules for an input of <paramref name="input"/>, in order: the layer's own
    /// first (holding <see cref="Tensors"/>), then its activation, if any. Each is one entry of the
    /// network's <c>nn.Sequential</c>, so parameter names follow PyTorch's numbering. Every random starting
    /// value (weights, dropout seeds) comes from <paramref name="draws"/>, the network's own generator.
    /// </summary>
    internal abstract IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws);

    /// <summary>How many modules <see cref="Modules"/> gives: the layer's own, and its activation's when it has one.</summary>
    internal virtual int ModuleCount => 1;

    /// <summary>
    /// Writes the layer's ONNX nodes over the value <paramref name="x"/> ([rows, <paramref name="input"/>...]),
    /// as the layer's modules compute at inference, its activation included; returns the output value.
    /// Weights come from <paramref name="writer"/> by their PyTorch names within the layer's first module.
    /// </summary>
    internal abstract string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x);

    /// <summary>
    /// Checks the layer, first in the network, can take token indices 0..<paramref name="bound"/> (the
    /// features are keys: <see cref="FeatureColumn.IndexBound"/>). A layer that looks indices up in a table
    /// (an Embedding) throws unless the table has more than <paramref name="bound"/> rows; others take them as numbers.
    /// </summary>
    internal virtual void CheckIndexInput(int bound) { }

    /// <summary>The number of trainable parameters for an input of <paramref name="input"/>.</summary>
    internal long ParameterCount(int[] input) => Tensors(input).Where(t => t.Trainable).Sum(t => t.Size);

    /// <summary>The number of weights that are learned but not trained by gradients (batch-norm statistics).</summary>
    internal long NonTrainableParameterCount(int[] input) => Tensors(input).Where(t => !t.Trainable).Sum(t => t.Size);

    /// <summary>The number of values in one example of <paramref name="shape"/>: it must fit a .NET array, so it is at most <see cref="int.MaxValue"/>.</summary>
    internal static int Product(IEnumerable<int> shape)
    {
        long product = 1;
        foreach (int d in shape)
        {
            product = d > 0 && product <= int.MaxValue / d ? product * d : long.MaxValue;
            if (product > int.MaxValue)
                throw new ArgumentException($"the shape ({string.Join(", ", shape)}) is too large: it has more than {int.MaxValue} values per example, or a size that is not positive.");
        }
        return (int)product;
    }

    private protected static string Format(int[] shape) => "(" + string.Join(", ", shape) + ")";

    /// <summary>Checks the input is (steps, features), as the sequence layers need.</summary>
    private protected void RequireSequence(int[] input)
    {
        if (input.Length != 2)
            throw new ArgumentException($"{TypeName} needs an input of shape (steps, features), but gets {Format(input)}. Put an Embedding first, declare the features as [VectorType(steps, features)], or put a Reshape layer before it.");
    }

    /// <summary>Checks the input is (channels, height, width), as 2-D layers need.</summary>
    private protected void RequireImage(int[] input)
    {
        if (input.Length != 3)
            throw new ArgumentException($"{TypeName} needs an input of shape (channels, height, width), but gets {Format(input)}. Declare the features as [VectorType(channels, height, width)], set the options' ImageShape, or put a Reshape layer before it.");
    }

    /// <summary>The layer's type name for summaries and errors.</summary>
    internal string TypeName => GetType().Name;

    /// <summary>
    /// The module of an activation; a LeakyReLU given as an activation kind has Keras's slope 0.3. LeakyReLU
    /// and ELU are the library's own modules, since TorchSharp's pass their numbers as temporary scalars (see <see cref="Scalars"/>).
    /// </summary>
    internal static TorchModule ActivationModule(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => torch.nn.Identity(),
        ActivationKind.ReLU => torch.nn.ReLU(),
        ActivationKind.LeakyReLU => new LeakyReLUModule(LeakyReLU.DefaultAlpha),
        ActivationKind.ELU => new ELUModule(),
        ActivationKind.SELU => torch.nn.SELU(),
        ActivationKind.Sigmoid => torch.nn.Sigmoid(),
        ActivationKind.Tanh => torch.nn.Tanh(),
        ActivationKind.Softmax => torch.nn.Softmax(-1),
        ActivationKind.Swish => torch.nn.SiLU(),
        ActivationKind.GELU => torch.nn.GELU(),
        _ => throw new ArgumentException($"the activation {kind} is not one of {string.Join(", ", Enum.GetNames<ActivationKind>())}."),
    };

    /// <summary>Checks an enum value read from a file or set by a cast is one of its named values.</summary>
    private protected static void RequireDefined<TEnum>(TEnum value, string what) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentException($"{what} {value} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}
