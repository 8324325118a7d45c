namespace MLNet.DeepTrainers.Trainers;

/// <summary>A fully connected layer: <c>activation(x · kernel + bias)</c> over a flat input.</summary>
public sealed record Dense : Layer
{
    /// <summary>A Dense layer with Keras's defaults.</summary>
    /// <param name="units">The number of outputs.</param>
    /// <param name="activation">The activation applied to the outputs.</param>
    /// <param name="useBias">Whether the layer adds a bias.</param>
    /// <param name="kernelInitializer">How the kernel starts.</param>
    public Dense(int units, ActivationKind activation = ActivationKind.Linear, bool useBias = true, Initializer kernelInitializer = Initializer.GlorotUniform)
    {
        Units = units;
        Activation = activation;
        UseBias = useBias;
        KernelInitializer = kernelInitializer;
    }

    /// <summary>The number of outputs.</summary>
    public int Units { get; init; }

    /// <summary>The activation applied to the outputs.</summary>
    public ActivationKind Activation { get; init; }

    /// <summary>Whether the layer adds a bias.</summary>
    public bool UseBias { get; init; }

    /// <summary>How the kernel starts.</summary>
    public Initializer KernelInitializer { get; init; }

    /// <summary>The L1 penalty on the kernel added to the loss (Keras's kernel_regularizer l1); 0 for none.</summary>
    public float KernelL1 { get; init; }

    /// <summary>The L2 penalty on the kernel added to the loss (Keras's kernel_regularizer l2: l2 · Σw²); 0 for none.</summary>
    public float KernelL2 { get; init; }

    /// <summary>Keras's MaxNorm constraint: each unit's incoming weights are rescaled to at most this norm after every step; null for none.</summary>
    public float? MaxNorm { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (Units <= 0)
            throw new ArgumentOutOfRangeException(nameof(Units), Units, "Dense needs a positive number of units.");
        if (input.Length != 1)
            throw new ArgumentException($"Dense needs a flat input, but gets shape {Format(input)}; put a Flatten layer before it.");
        CheckKernelRules(KernelL1, KernelL2, MaxNorm);
        return [Units];
    }

    internal override long ParameterCount(int[] input) => (long)input[0] * Units + (UseBias ? Units : 0);

    internal override IEnumerable<string> SpecLines(int[] input)
    {
        yield return $"dense {input[0]} {Units} bias={(UseBias ? 1 : 0)} init={InitializerSpec(KernelInitializer)}{KernelRulesSpec(KernelL1, KernelL2, MaxNorm)}";
        if (Activation != ActivationKind.Linear)
            yield return ActivationSpec(Activation);
    }

    internal static void CheckKernelRules(float l1, float l2, float? maxNorm)
    {
        if (!(l1 >= 0) || !(l2 >= 0))
            throw new ArgumentException($"kernel regularization must not be negative (L1 {l1}, L2 {l2}).");
        if (maxNorm is float m && !(m > 0))
            throw new ArgumentException($"MaxNorm must be positive, not {m}.");
    }

    internal static string KernelRulesSpec(float l1, float l2, float? maxNorm) =>
        FormattableString.Invariant($" l1={l1:R} l2={l2:R} maxnorm={maxNorm ?? 0:R}");

    internal static string InitializerSpec(Initializer initializer) => initializer switch
    {
        Initializer.GlorotUniform => "glorot_uniform",
        Initializer.GlorotNormal => "glorot_normal",
        Initializer.HeUniform => "he_uniform",
        Initializer.HeNormal => "he_normal",
        Initializer.RandomUniform => "random_uniform",
        Initializer.RandomNormal => "random_normal",
        Initializer.Zeros => "zeros",
        _ => throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer."),
    };
}
