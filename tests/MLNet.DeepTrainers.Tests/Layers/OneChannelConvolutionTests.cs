using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// A convolution of one input channel, which the library computes as a product of the image's patches with
/// the kernel, against libtorch's conv2d on the same weights: the outputs and the gradients of the input,
/// kernel and bias, to 1e-5, for valid padding, symmetric padding with stride 2, and Keras's "same" with
/// an even kernel (one more row and column after than before); with a bias and without.
/// </summary>
public sealed class OneChannelConvolutionTests
{
    public static TheoryData<int, int, int, long[], bool> Cases() => new()
    {
        { 3, 3, 1, [0, 0, 0, 0], true },
        { 4, 3, 2, [1, 1, 1, 1], true },
        { 2, 4, 1, [1, 2, 1, 2], true },
        { 3, 3, 1, [0, 0, 0, 0], false },
        { 2, 4, 1, [1, 2, 1, 2], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_libtorchs_convolution_and_its_gradients(int filters, int kernel, int stride, long[] padding, bool useBias)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var draws = new torch.Generator(3);
        using var module = new ConvolutionModule(2, 1, filters, kernel, stride, useBias, padding);
        using (torch.no_grad())
        {
            foreach (var parameter in module.parameters())
                parameter.uniform_(-1, 1, draws);
        }
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var x = torch.randn(5, 1, 9, 8, generator: draws).requires_grad_();
        var output = module.forward(x);
        var upstream = torch.randn(output.shape, generator: draws);
        output.backward([upstream]);

        var referenceX = x.detach().clone().requires_grad_();
        var weight = parameters["weight"].detach().clone().requires_grad_();
        var bias = useBias ? parameters["bias"].detach().clone().requires_grad_() : null;
        var expected = torch.nn.functional.conv2d(torch.nn.functional.pad(referenceX, padding), weight, bias, strides: [stride, stride]);
        expected.backward([upstream]);

        Assert.Equal(expected.shape, output.shape);
        Near(expected, output, "output");
        Near(referenceX.grad!, x.grad!, "input gradient");
        Near(weight.grad!, parameters["weight"].grad!, "kernel gradient");
        if (bias is not null)
            Near(bias.grad!, parameters["bias"].grad!, "bias gradient");
        // The output comes channels-last (filters innermost), the layout the layers after it run fastest in.
        Assert.Equal(1, output.stride(1));
    }

    private static void Near(torch.Tensor expected, torch.Tensor actual, string what) =>
        Golden.Near(expected.contiguous().data<float>().ToArray(), actual.contiguous().data<float>().ToArray(), 1e-5, what);
}
