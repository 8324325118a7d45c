namespace MLNet.DeepTrainers;

/// <summary>A 1-D convolution over (steps, channels) inputs, Keras's layout: (steps, channels) to (new steps, filters).</summary>
public sealed record Conv1D : ConvolutionLayer
{
    /// <summary>A Conv1D layer with Keras's defaults.</summary>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelSize">The kernel's length in steps.</param>
    /// <param name="strides">The step between kernel positions.</param>
    /// <param name="padding">Valid (none) or Same (an odd extra step of padding at the end, as in Keras).</param>
    /// <param name="activation">The activation applied to the outputs.</param>
    /// <param name="useBias">Whether the layer adds a bias per filter.</param>
    /// <param name="kernelInitializer">How the kernel starts.</param>
    public Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, ActivationKind activation = ActivationKind.Linear,
        bool useBias = true, Initializer kernelInitializer = Initializer.GlorotUniform)
        : base(filters, kernelSize, strides, padding, activation, useBias, kernelInitializer) { }

    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        CheckConvolution();
        return [Side(input[0]), Filters];
    }

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => KernelTensors([Filters, input[1], KernelSize], Filters);

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws)
    {
        var (before, after) = Pad(input[0]);
        return WithActivation(new ConvolutionModule(1, input[1], Filters, KernelSize, Strides, UseBias, [before, after]), draws);
    }

    // ONNX's Conv reads the channels first: (steps, channels) is transposed to (channels, steps) and back.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x)
    {
        var (before, after) = Pad(input[0]);
        return writer.SwapLastAxes(Convolve(writer, writer.SwapLastAxes(x), [before, after]));
    }
}
