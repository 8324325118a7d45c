namespace MLNet.DeepTrainers;

/// <summary>What Conv1D and Conv2D share: Keras's filters, kernel size, strides and padding, with the kernel arguments of <see cref="KernelLayer"/>.</summary>
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

    /// <summary>Checks the arguments.</summary>
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

    /// <summary>
    /// ONNX's Conv over <paramref name="x"/> (channels first) with the layer's weights, then its activation;
    /// <paramref name="pads"/> in ONNX's order, every side's start, then every side's end.
    /// </summary>
    private protected string Convolve(OnnxNetworkWriter writer, string x, long[] pads)
    {
        int sides = pads.Length / 2;
        string[] inputs = UseBias ? [x, writer.Weight("weight"), writer.Weight("bias")] : [x, writer.Weight("weight")];
        string y = writer.Node("Conv", inputs, OnnxAttribute.Ints("kernel_shape", Enumerable.Repeat((long)KernelSize, sides)),
            OnnxAttribute.Ints("strides", Enumerable.Repeat((long)Strides, sides)), OnnxAttribute.Ints("pads", pads));
        return writer.Activation(Activation, y);
    }
}
