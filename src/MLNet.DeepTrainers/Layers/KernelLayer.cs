namespace MLNet.DeepTrainers;

/// <summary>
/// What Dense and Conv2D share, as Keras's kernel arguments: the activation after the layer, the bias,
/// the kernel's initializer, the kernel, bias and activity regularizers and the kernel and bias constraints.
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

    /// <summary>Whether the layer adds a bias per output (biases start at zero, as in Keras).</summary>
    public bool UseBias { get; init; }

    /// <summary>How the kernel starts.</summary>
    public Initializer KernelInitializer { get; init; }

    /// <summary>A penalty on the kernel added to the loss (Keras's kernel_regularizer); null for none.</summary>
    public Regularizer? KernelRegularizer { get; init; }

    /// <summary>A penalty on the bias added to the loss (Keras's bias_regularizer); null for none.</summary>
    public Regularizer? BiasRegularizer { get; init; }

    /// <summary>A penalty on the layer's outputs, after its activation, added to the loss (Keras's activity_regularizer, divided by the batch size as Keras does); null for none.</summary>
    public Regularizer? ActivityRegularizer { get; init; }

    /// <summary>A rule applied to the kernel after every step (<see cref="MaxNorm"/>, <see cref="NonNeg"/>); null for none.</summary>
    public Constraint? KernelConstraint { get; init; }

    /// <summary>A rule applied to the bias after every step; null for none.</summary>
    public Constraint? BiasConstraint { get; init; }

    internal override int ModuleCount => Activation == ActivationKind.Linear ? 1 : 2;

    private protected void CheckKernelRules()
    {
        RequireDefined(Activation, "the activation");
        RequireDefined(KernelInitializer, "the kernel initializer");
        KernelRegularizer?.Validate("kernel");
        BiasRegularizer?.Validate("bias");
        ActivityRegularizer?.Validate("activity");
        KernelConstraint?.Validate();
        BiasConstraint?.Validate();
        if (BiasConstraint is not null && !UseBias)
            throw new ArgumentException("a bias constraint needs useBias: true.");
    }

    /// <summary>The kernel of <paramref name="kernelShape"/> (PyTorch's layout, outputs first) and the bias, if any.</summary>
    private protected IEnumerable<LayerTensor> KernelTensors(long[] kernelShape, int outputs) =>
        UseBias ? [new("weight", kernelShape), new("bias", [outputs])] : [new("weight", kernelShape)];

    /// <summary>The layer's own module with Keras's initial weights drawn from <paramref name="draws"/>, then its activation's, if any.</summary>
    private protected IEnumerable<TorchModule> WithActivation(TorchModule module, torch.Generator draws)
    {
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in module.named_parameters())
            {
                if (name == "weight")
                    Initializers.Fill(parameter, KernelInitializer, draws);
                else if (name == "bias")
                    parameter.zero_();
            }
        }
        return Activation == ActivationKind.Linear ? [module] : [module, ActivationModule(Activation)];
    }
}
