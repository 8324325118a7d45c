namespace MLNet.DeepTrainers.Deep;

/// <summary>A 2-D convolution over (channels, height, width) inputs with square kernels and strides.</summary>
public sealed record Conv2D : KernelLayer
{
    /// <summary>A Conv2D layer with Keras's defaults.</summary>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelSize">The kernel's height and width.</param>
    /// <param name="strides">The step between kernel positions, down and across.</param>
    /// <param name="padding">Valid (none) or Same.</param>
    /// <param name="activation">The activation applied to the outputs.</param>
    /// <param name="useBias">Whether the layer adds a bias per filter.</param>
    /// <param name="kernelInitializer">How the kernel starts.</param>
    public Conv2D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, ActivationKind activation = ActivationKind.Linear,
        bool useBias = true, Initializer kernelInitializer = Initializer.GlorotUniform)
        : base(activation, useBias, kernelInitializer)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; init; }

    /// <summary>The kernel's height and width.</summary>
    public int KernelSize { get; init; }

    /// <summary>The step between kernel positions.</summary>
    public int Strides { get; init; }

    /// <summary>Valid or Same.</summary>
    public Padding Padding { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        if (Filters <= 0 || KernelSize <= 0 || Strides <= 0)
            throw new ArgumentException($"filters, kernel size and strides must be positive (got {Filters}, {KernelSize}, {Strides}).");
        CheckKernelRules();
        RequireDefined(Padding, "the padding");
        return [Filters, Side(input[1]), Side(input[2])];
    }

    // Sizes in long: a stride or kernel near int.MaxValue must not wrap around.
    private int Side(int size)
    {
        if (Padding == Padding.Same)
            return (int)(((long)size + Strides - 1) / Strides);
        if (size < KernelSize)
            throw new ArgumentException($"a {KernelSize}×{KernelSize} kernel does not fit a side of {size} without padding; use Padding.Same or a smaller kernel.");
        return (size - KernelSize) / Strides + 1;
    }

    // Keras's "same": the total padding needed, with the odd one at the end.
    private (long Before, long After) Pad(int size)
    {
        if (Padding == Padding.Valid)
            return (0, 0);
        long total = Math.Max((Side(size) - 1L) * Strides + KernelSize - size, 0);
        return (total / 2, total - total / 2);
    }

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => KernelTensors([Filters, input[0], KernelSize, KernelSize], Filters);

    internal override IEnumerable<SpecLine> SpecLines(int[] input)
    {
        var (top, bottom) = Pad(input[1]);
        var (left, right) = Pad(input[2]);
        var line = new SpecLine("conv2d").Integer("in", input[0]).Integer("out", Filters).Integer("kh", KernelSize).Integer("kw", KernelSize)
            .Integer("sh", Strides).Integer("sw", Strides).Integer("pt", top).Integer("pb", bottom).Integer("pl", left).Integer("pr", right);
        return WithActivation(WithKernelOptions(line));
    }
}
