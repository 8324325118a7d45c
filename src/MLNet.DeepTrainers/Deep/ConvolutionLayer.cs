namespace MLNet.DeepTrainers.Deep;

/// <summary>What Conv1D and Conv2D share, as Keras's arguments: filters, a kernel size, strides and padding.</summary>
public abstract record ConvolutionLayer : KernelLayer
{
    private protected ConvolutionLayer(int filters, int kernelSize, int strides, Padding padding, ActivationKind activation, bool useBias, Initializer kernelInitializer)
        : base(activation, useBias, kernelInitializer)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; init; }

    /// <summary>The kernel's size along each spatial dimension.</summary>
    public int KernelSize { get; init; }

    /// <summary>The step between kernel positions.</summary>
    public int Strides { get; init; }

    /// <summary>Valid or Same.</summary>
    public Padding Padding { get; init; }

    /// <summary>Checks the sizes are positive and the kernel options valid.</summary>
    private protected void CheckConvolution()
    {
        if (Filters <= 0 || KernelSize <= 0 || Strides <= 0)
            throw new ArgumentException($"filters, kernel size and strides must be positive (got {Filters}, {KernelSize}, {Strides}).");
        CheckKernelRules();
        RequireDefined(Padding, "the padding");
    }

    /// <summary>The output size of a side of <paramref name="size"/>.</summary>
    private protected int Side(int size) => ConvolutionSide.Size(size, KernelSize, Strides, Padding);

    /// <summary>The padding before and after a side of <paramref name="size"/>.</summary>
    private protected (long Before, long After) Pad(int size) => ConvolutionSide.Pad(size, KernelSize, Strides, Padding);
}
