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
public abstract record Layer
{
    private protected Layer() { }

    /// <summary>The output shape (without the batch dimension) for an input of <paramref name="input"/>; throws if the input does not fit.</summary>
    internal abstract int[] OutputShape(int[] input);

    /// <summary>The number of trainable parameters for an input of <paramref name="input"/>.</summary>
    internal virtual long ParameterCount(int[] input) => 0;

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
