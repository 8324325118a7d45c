namespace MLNet.DeepTrainers;

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

    /// <summary>The kernel's size along each spatial dimension.</summary>
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

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => KernelTensors([Filters, input[0], KernelSize, KernelSize], Filters);

    internal override IEnumerable<TorchModule> Modules(int[] input)
    {
        var (top, bottom) = Pad(input[1]);
        var (left, right) = Pad(input[2]);
        return WithActivation(new Convolution(input[0], Filters, KernelSize, Strides, UseBias, [left, right, top, bottom]));
    }

    // ONNX's pads are (top, left, bottom, right): Keras's "same" may pad one more at the bottom and right.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x)
    {
        var (top, bottom) = Pad(input[1]);
        var (left, right) = Pad(input[2]);
        string[] inputs = UseBias ? [x, writer.Weight("weight"), writer.Weight("bias")] : [x, writer.Weight("weight")];
        string y = writer.Node("Conv", inputs, OnnxAttribute.Ints("kernel_shape", [KernelSize, KernelSize]),
            OnnxAttribute.Ints("strides", [Strides, Strides]), OnnxAttribute.Ints("pads", [top, left, bottom, right]));
        return writer.Activation(Activation, y);
    }

    /// <summary>The output size of a side of <paramref name="size"/>.</summary>
    private int Side(int size) => ConvolutionSide.Size(size, KernelSize, Strides, Padding);

    /// <summary>The padding before and after a side of <paramref name="size"/>.</summary>
    private (long Before, long After) Pad(int size) => ConvolutionSide.Pad(size, KernelSize, Strides, Padding);

    /// <summary>
    /// A convolution with Keras's padding: "same" puts an odd extra row or column at the end, which
    /// PyTorch's symmetric padding argument cannot, so the input is padded explicitly when the sides differ.
    /// Its parameters are PyTorch's Conv2d's ("weight" [out, in, kh, kw], "bias").
    /// </summary>
    private sealed class Convolution : TorchModule
    {
#pragma warning disable IDE1006 // The fields' names are the parameters' PyTorch names.
        private readonly TorchSharp.Modules.Parameter weight;
        private readonly TorchSharp.Modules.Parameter? bias;
#pragma warning restore IDE1006
        private readonly long _stride;
        private readonly long[] _padding;
        private readonly bool _symmetric;

        public Convolution(int inputs, int filters, int kernel, int stride, bool useBias, long[] padding) : base("Conv2d")
        {
            weight = new TorchSharp.Modules.Parameter(torch.empty(filters, inputs, kernel, kernel));
            bias = useBias ? new TorchSharp.Modules.Parameter(torch.zeros(filters)) : null;
            _stride = stride;
            _padding = padding;
            _symmetric = padding[0] == padding[1] && padding[2] == padding[3];
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            if (_symmetric)
                return torch.nn.functional.conv2d(input, weight, bias, strides: [_stride, _stride], padding: [_padding[2], _padding[0]]);
            using var padded = torch.nn.functional.pad(input, _padding);
            return torch.nn.functional.conv2d(padded, weight, bias, strides: [_stride, _stride]);
        }
    }
}
