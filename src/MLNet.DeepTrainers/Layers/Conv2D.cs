namespace MLNet.DeepTrainers;

/// <summary>A 2-D convolution over (channels, height, width) inputs with square kernels and strides.</summary>
public sealed record Conv2D : ConvolutionLayer
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
        : base(filters, kernelSize, strides, padding, activation, useBias, kernelInitializer) { }

    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        CheckConvolution();
        return [Filters, Side(input[1]), Side(input[2])];
    }

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => KernelTensors([Filters, input[0], KernelSize, KernelSize], Filters);

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws)
    {
        var (top, bottom) = Pad(input[1]);
        var (left, right) = Pad(input[2]);
        return WithActivation(new ConvolutionModule(2, input[0], Filters, KernelSize, Strides, UseBias, [left, right, top, bottom]), draws);
    }

    // ONNX's pads are (top, left, bottom, right): Keras's "same" may pad one more at the bottom and right.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x)
    {
        var (top, bottom) = Pad(input[1]);
        var (left, right) = Pad(input[2]);
        return Convolve(writer, x, [top, left, bottom, right]);
    }
}
