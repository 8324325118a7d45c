namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// What Dense and Conv2D share, as Keras's kernel arguments: the activation after the layer, the bias,
/// the kernel's initializer, its L1/L2 penalties and its MaxNorm constraint.
/// </summary>
public abstract record KernelLayer : Layer
{
    private protected KernelLayer(ActivationKind activation, bool useBias, Initializer kernelInitializer)
    {
        Activation = activation;
        UseBias = useBias;
        KernelInitializer = kernelInitializer;
    }

    /// <summary>The activation applied to the outputs.</summary>
    public ActivationKind Activation { get; init; }

    /// <summary>Whether the layer adds a bias per output.</summary>
    public bool UseBias { get; init; }

    /// <summary>How the kernel starts.</summary>
    public Initializer KernelInitializer { get; init; }

    /// <summary>The L1 penalty on the kernel added to the loss (l1 · Σ|w|, Keras's kernel_regularizer); 0 for none.</summary>
    public float KernelL1 { get; init; }

    /// <summary>The L2 penalty on the kernel added to the loss (l2 · Σw², Keras's kernel_regularizer); 0 for none.</summary>
    public float KernelL2 { get; init; }

    /// <summary>Keras's MaxNorm constraint: each output unit's incoming weights are rescaled to at most this norm after every step; null for none.</summary>
    public float? MaxNorm { get; init; }

    private protected void CheckKernelRules()
    {
        RequireDefined(Activation, "the activation");
        RequireDefined(KernelInitializer, "the kernel initializer");
        if (!(KernelL1 >= 0) || !(KernelL2 >= 0) || !float.IsFinite(KernelL1) || !float.IsFinite(KernelL2))
            throw new ArgumentException($"kernel regularization must not be negative (L1 {KernelL1}, L2 {KernelL2}).");
        if (MaxNorm is float m && !(m > 0 && float.IsFinite(m)))
            throw new ArgumentException($"MaxNorm must be positive, not {m}.");
    }

    /// <summary>Adds the spec options of the bias, initializer, penalties and constraint to <paramref name="line"/>.</summary>
    private protected SpecLine WithKernelOptions(SpecLine line) => line
        .Flag("bias", UseBias).Word("init", InitializerSpec(KernelInitializer))
        .Real("l1", KernelL1).Real("l2", KernelL2).Real("maxnorm", MaxNorm ?? 0);

    /// <summary>The layer's own spec line, then its activation's, if any.</summary>
    private protected IEnumerable<SpecLine> WithActivation(SpecLine line) =>
        Activation == ActivationKind.Linear ? [line] : [line, ActivationSpec(Activation)];

    /// <summary>The kernel of <paramref name="kernelShape"/> (PyTorch's layout, outputs first) and the bias, if any.</summary>
    private protected IEnumerable<LayerTensor> KernelTensors(long[] kernelShape, int outputs) =>
        UseBias ? [new("weight", kernelShape), new("bias", [outputs])] : [new("weight", kernelShape)];

    private static string InitializerSpec(Initializer initializer) => initializer switch
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
