namespace MLNet.DeepTrainers.Deep;

/// <summary>A 1-D convolution over (steps, channels) inputs, as Keras's Conv1D: (steps, channels) to (new steps, filters).</summary>
public sealed record Conv1D : ConvolutionLayer
{
    /// <summary>A Conv1D layer with Keras's defaults.</summary>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelSize">The kernel's length in steps.</param>
    /// <param name="strides">The step between kernel positions.</param>
    /// <param name="padding">Valid (none) or Same.</param>
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

    internal override IEnumerable<SpecLine> SpecLines(int[] input)
    {
        var (before, after) = Pad(input[0]);
        var line = new SpecLine("conv1d").Integer("in", input[1]).Integer("out", Filters).Integer("k", KernelSize).Integer("s", Strides)
            .Integer("pl", before).Integer("pr", after);
        return WithActivation(WithKernelOptions(line));
    }
}
