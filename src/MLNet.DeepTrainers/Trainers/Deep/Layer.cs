using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers.Trainers;

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
public abstract record Layer
{
    private protected Layer() { }

    /// <summary>The output shape (without the batch dimension) for an input of <paramref name="input"/>; throws if the input does not fit.</summary>
    internal abstract int[] OutputShape(int[] input);

    /// <summary>The number of trainable parameters for an input of <paramref name="input"/>.</summary>
    internal virtual long ParameterCount(int[] input) => 0;

    /// <summary>The number of weights that are learned but not trained by gradients (batch-norm statistics).</summary>
    internal virtual long NonTrainableParameterCount(int[] input) => 0;

    private protected static int Product(IEnumerable<int> shape) => shape.Aggregate(1, (a, b) => checked(a * b));

    private protected static string Format(int[] shape) => "(" + string.Join(", ", shape) + ")";

    /// <summary>Checks the input is (channels, height, width), as 2-D layers need.</summary>
    private protected void RequireImage(int[] input)
    {
        if (input.Length != 3)
            throw new ArgumentException($"{TypeName} needs an input of shape (channels, height, width), but gets {Format(input)}. Declare the features as [VectorType(channels, height, width)] or put a Reshape layer before it.");
    }

    /// <summary>The native spec lines; each line is one native module, so parameter names follow PyTorch's nn.Sequential.</summary>
    internal abstract IEnumerable<string> SpecLines(int[] input);

    /// <summary>The layer's type name for summaries and errors.</summary>
    internal string TypeName => GetType().Name;

    internal static string ActivationSpec(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => "linear",
        ActivationKind.ReLU => "relu",
        ActivationKind.LeakyReLU => "leaky_relu alpha=0.3",
        ActivationKind.ELU => "elu",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Tanh => "tanh",
        ActivationKind.Softmax => "softmax",
        ActivationKind.Swish => "silu",
        ActivationKind.GELU => "gelu",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
    };
}
