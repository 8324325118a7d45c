using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// A layer of a network, as a plain description (Keras's names and defaults). Shapes are inferred in
/// C# before anything native runs, so a misfit fails early with the layer's name and index.
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
    /// Whether a mask (Embedding's maskZero: which steps are padding) leaves the layer, given whether one
    /// enters. Most layers cannot honour one and refuse it, as Keras's do; those that pass it on or
    /// consume it say so.
    /// </summary>
    internal virtual bool MaskOut(bool maskIn) => maskIn
        ? throw new ArgumentException($"{TypeName} cannot skip the padded steps of Embedding(maskZero: true); put a recurrent layer or GlobalAveragePooling1D before it, or set maskZero: false.")
        : false;

    /// <summary>Whether the layer's native line says if a mask enters it (the recurrent layers and GlobalAveragePooling1D).</summary>
    internal virtual bool ReadsMask => false;

    /// <summary>
    /// The tensors of the layer's first native module, by PyTorch name ("weight", "bias", ...), for an
    /// input of <paramref name="input"/>: the one description of a layer's weights, from which parameter
    /// counts, the native network's check and a model file's expected tensors all come.
    /// </summary>
    internal virtual IEnumerable<LayerTensor> Tensors(int[] input) => [];

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

    /// <summary>Checks the input is (channels, height, width), as 2-D layers need.</summary>
    private protected void RequireImage(int[] input)
    {
        if (input.Length != 3)
            throw new ArgumentException($"{TypeName} needs an input of shape (channels, height, width), but gets {Format(input)}. Declare the features as [VectorType(channels, height, width)] or put a Reshape layer before it.");
    }

    /// <summary>Checks the input is (steps, channels), as 1-D convolutions, pooling and recurrent layers need.</summary>
    private protected void RequireSequence(int[] input)
    {
        if (input.Length != 2)
            throw new ArgumentException($"{TypeName} needs an input of shape (steps, channels), but gets {Format(input)}. Put an Embedding before it, or a Reshape to (steps, channels).");
    }

    /// <summary>The native spec lines; each line is one native module, so parameter names follow PyTorch's nn.Sequential.</summary>
    internal abstract IEnumerable<SpecLine> SpecLines(int[] input);

    /// <summary>The layer's type name for summaries and errors.</summary>
    internal string TypeName => GetType().Name;

    /// <summary>The native module of an activation; a LeakyReLU given as an activation kind has Keras's slope 0.3.</summary>
    internal static SpecLine ActivationSpec(ActivationKind kind) => kind == ActivationKind.LeakyReLU
        ? LeakyReLU.Spec(LeakyReLU.DefaultAlpha)
        : new SpecLine(ActivationName(kind));

    /// <summary>The native name of an activation that takes no options.</summary>
    internal static string ActivationName(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => "linear",
        ActivationKind.ReLU => "relu",
        ActivationKind.ELU => "elu",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Tanh => "tanh",
        ActivationKind.Softmax => "softmax",
        ActivationKind.Swish => "silu",
        ActivationKind.GELU => "gelu",
        _ => throw new ArgumentException($"the activation {kind} is not one this library knows (or takes options)."),
    };

    /// <summary>Checks an enum value read from a model file or set by a cast is one of its named values.</summary>
    private protected static void RequireDefined<TEnum>(TEnum value, string what) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentException($"{what} {value} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}
