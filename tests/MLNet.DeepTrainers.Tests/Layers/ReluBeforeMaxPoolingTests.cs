using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// The network runs a ReLU that max pooling follows after the pooling, since the two commute. Against the
/// layers in their written order in libtorch's functions (convolution, ReLU, pooling, flatten, dense): the
/// outputs and every weight's gradient, on inputs whose windows are often wholly negative (ReLU's ties at 0),
/// for one input channel (the patch-product convolution) and for three.
/// </summary>
public sealed class ReluBeforeMaxPoolingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Gives_the_written_orders_outputs_and_gradients(int channels)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var draws = new torch.Generator(5);
        var architecture = new NetworkArchitecture([channels, 9, 8], [new Conv2D(4, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2), new Flatten(), new Dense(3)]);
        using var network = architecture.Build(seed: 5);
        var x = torch.randn(6, channels * 9 * 8, generator: draws).sub(0.5);
        var output = network.forward(x);
        var upstream = torch.randn(output.shape, generator: draws);
        output.backward([upstream]);

        // Modules 0 and 1 are the convolution and its ReLU, 2 the pooling, 3 the flatten, 4 the dense layer.
        var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var copies = parameters.ToDictionary(p => p.Key, p => p.Value.detach().clone().requires_grad_());
        var convolved = torch.nn.functional.conv2d(x.view(6, channels, 9, 8), copies["0.weight"], copies["0.bias"]);
        var pooled = torch.nn.functional.max_pool2d(torch.nn.functional.relu(convolved), 2);
        var expected = torch.nn.functional.linear(pooled.flatten(1), copies["4.weight"], copies["4.bias"]);
        expected.backward([upstream]);

        Assert.True(convolved.le(0).any().item<bool>() && torch.nn.functional.max_pool2d(convolved, 2).le(0).any().item<bool>(), "no window is wholly negative");
        Golden.Near(Floats(expected), Floats(output), 1e-5, "output");
        foreach (var (name, parameter) in parameters)
            Golden.Near(Floats(copies[name].grad!), Floats(parameter.grad!), 1e-5, $"the gradient of {name}");
    }

    private static float[] Floats(torch.Tensor tensor) => tensor.contiguous().data<float>().ToArray();
}
