namespace MLNet.DeepTrainers;

/// <summary>
/// A convolution with Keras's padding, over images (channels, height, width) for Conv2D or over sequences
/// (steps, channels) for Conv1D, Keras's layout, which libtorch's conv1d reads with the channels first:
/// the steps are moved behind the channels and back. Keras's "same" puts an odd extra step, row or column
/// at the end, which libtorch's symmetric padding argument cannot, so the input is padded explicitly when
/// the sides differ. Its parameters are PyTorch's Conv1d's or Conv2d's ("weight" [out, in, kernel...], "bias").
/// </summary>
internal sealed class ConvolutionModule : TorchModule
{
#pragma warning disable IDE1006 // The fields' names are the parameters' PyTorch names.
    private readonly TorchSharp.Modules.Parameter weight;
    private readonly TorchSharp.Modules.Parameter? bias;
#pragma warning restore IDE1006
    private readonly long[] _strides;
    private readonly long[] _padding;
    private readonly long _kernel;
    private readonly long _filters;
    private readonly bool _oneChannelImage;
    private readonly long[]? _symmetric;

    /// <summary>
    /// A convolution of <paramref name="inputs"/> channels to <paramref name="filters"/>, its kernel
    /// <paramref name="kernel"/> wide along each of <paramref name="dimensions"/> (1 or 2) sides;
    /// <paramref name="padding"/> is in libtorch's pad order, the last side first: (before, after) for a
    /// sequence, (left, right, top, bottom) for an image.
    /// </summary>
    public ConvolutionModule(int dimensions, int inputs, int filters, int kernel, int stride, bool useBias, long[] padding) : base(dimensions == 1 ? "Conv1d" : "Conv2d")
    {
        weight = new TorchSharp.Modules.Parameter(torch.empty([filters, inputs, .. Enumerable.Repeat((long)kernel, dimensions)]));
        bias = useBias ? new TorchSharp.Modules.Parameter(torch.zeros(filters)) : null;
        _strides = [.. Enumerable.Repeat((long)stride, dimensions)];
        _kernel = kernel;
        _filters = filters;
        _oneChannelImage = dimensions == 2 && inputs == 1;
        _padding = padding;
        bool symmetric = Enumerable.Range(0, dimensions).All(side => padding[2 * side] == padding[2 * side + 1]);
        // libtorch's padding argument lists the sides first to last, the pad order last to first.
        _symmetric = symmetric ? [.. Enumerable.Range(0, dimensions).Select(side => padding[2 * (dimensions - 1 - side)])] : null;
        RegisterComponents();
    }

    /// <summary>
    /// Whether <see cref="ConvolveAndPool"/> can take this convolution and a 2×2 max pooling of stride 2 after it:
    /// a one-channel image, stride 1, no padding, a multiple of <see cref="OneChannelConvolutionPooling.FilterStep"/> filters.
    /// </summary>
    public bool FusesWithPooling => _oneChannelImage && _strides.All(s => s == 1) && _padding.All(p => p == 0) && _filters % OneChannelConvolutionPooling.FilterStep == 0;

    /// <summary>This convolution of a float image on the CPU, its ReLU if <paramref name="relu"/>, and a 2×2 max pooling of stride 2 after it, in one pass (<see cref="FusesWithPooling"/>).</summary>
    public Tensor ConvolveAndPool(Tensor input, bool relu) => OneChannelConvolutionPooling.Forward(input, weight, bias, relu);

    public override Tensor forward(Tensor input)
    {
        if (_strides.Length == 2)
            return Convolve(input);
        using var channelsFirst = input.transpose(1, 2);
        using var output = Convolve(channelsFirst);
        return output.transpose(1, 2);
    }

    private Tensor Convolve(Tensor input)
    {
        if (_symmetric is not null)
            return Convolve(input, _symmetric);
        using var padded = torch.nn.functional.pad(input, _padding);
        return Convolve(padded, null);
    }

    private Tensor Convolve(Tensor input, long[]? padding) => _strides.Length == 1
        ? torch.nn.functional.conv1d(input, weight, bias, stride: _strides[0], padding: padding?[0])
        : _oneChannelImage && input.device_type == DeviceType.CPU
            ? ConvolveOneChannel(input, padding ?? [0, 0])
            : torch.nn.functional.conv2d(input, weight, bias, strides: _strides, padding: padding);

    /// <summary>
    /// A one-channel image's convolution as a product of its patches (im2col) with the kernel, a view of
    /// [batch, rows, columns, filters] seen as [batch, filters, rows, columns]. libtorch 2.10 gives one input
    /// channel to oneDNN, which took about 6.5 ms forward and 10 backward for the seeds' first layer (32 filters
    /// of 3×3 over 128 images of 28×28) where PyTorch 1.13 took 1.3 and 6.9; and the output, channels-last,
    /// is the layout in which the max pooling after it runs about 8 times faster (8.5 ms against 1.1) and the
    /// convolutions after it faster too (libtorch follows its input's layout). On the CPU only: that is where
    /// it was measured; a GPU's convolutions are cuDNN's.
    /// </summary>
    /// <remarks>
    /// The kernel enters the product as a row-major [kernel², filters] copy, not as a transposed view of the
    /// weight (what <c>linear</c> uses): libtorch computes a matrix product's gradient for its second factor
    /// in that factor's own layout, so a transposed view gets (gradientᵀ · patches)ᵀ, a product that reads the
    /// 86,528 × 32 gradient across its rows, and a row-major copy gets patchesᵀ · gradient. Backward over the
    /// seeds' first layer with a channels-last gradient (what the pooling after it gives): 8.4-10.7 ms through
    /// the view, 2.5-2.6 through the copy (the copy is 288 values).
    /// </remarks>
    private Tensor ConvolveOneChannel(Tensor input, long[] padding)
    {
        var shape = input.shape;
        long rows = (shape[2] + 2 * padding[0] - _kernel) / _strides[0] + 1;
        long columns = (shape[3] + 2 * padding[1] - _kernel) / _strides[1] + 1;
        using var patches = torch.nn.functional.unfold(input, (_kernel, _kernel), padding: (padding[0], padding[1]), stride: (_strides[0], _strides[1]));
        using var positions = patches.transpose(1, 2);
        using var patchRows = positions.reshape(-1, _kernel * _kernel);
        using var flatKernel = weight.view(_filters, _kernel * _kernel);
        using var kernelByFilter = flatKernel.t();
        using var kernelColumns = kernelByFilter.contiguous();
        using var products = bias is null ? patchRows.mm(kernelColumns) : torch.addmm(bias, patchRows, kernelColumns, 1, 1);
        using var channelsLast = products.view(shape[0], rows, columns, _filters);
        return channelsLast.permute(0, 3, 1, 2);
    }
}
