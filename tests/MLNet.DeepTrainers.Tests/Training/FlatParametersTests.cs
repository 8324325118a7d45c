using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.DeepTrainers.Tests.Training;

/// <summary>
/// A network's parameters joined into one tensor: each stays a parameter of its module with its values,
/// as a view of the joined tensor; backward adds the gradients into the joined gradient; a step on the
/// joined tensor moves every parameter; and disposing lets the gradients go.
/// </summary>
public sealed class FlatParametersTests
{
    [Fact]
    public void Parameters_become_views_of_one_tensor_and_their_gradients_of_one_gradient()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var draws = new Generator(1);
        var network = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2));
        var before = network.parameters().Select(p => p.detach().clone()).ToArray();
        var input = randn(5, 3, generator: draws);
        var expected = network.forward(input).detach().clone();

        var parameters = network.parameters().ToArray();
        using (var flat = FlatParameters.Join(parameters))
        {
            Assert.Equal(3 * 4 + 4 + 4 * 2 + 2, flat.All.numel());
            for (int i = 0; i < parameters.Length; i++)
                Assert.True(parameters[i].eq(before[i]).all().item<bool>(), $"parameter {i} kept its values");
            Assert.True(network.forward(input).allclose(expected));

            // Twice, with the gradients zeroed in place between: autograd adds into the joined gradient.
            for (int pass = 0; pass < 2; pass++)
            {
                flat.All.grad!.zero_();
                network.forward(input).sum().backward();
            }
            var joined = cat(parameters.Select(p => p.grad!.flatten()).ToArray());
            Assert.True(joined.eq(flat.All.grad!).all().item<bool>());
            Assert.True(flat.All.grad!.abs().sum().item<float>() > 0);

            using (no_grad())
                flat.All.add_(1);
            for (int i = 0; i < parameters.Length; i++)
                Assert.True(parameters[i].eq(before[i] + 1).all().item<bool>(), $"parameter {i} moved with the joined tensor");
        }
        Assert.All(parameters, p => Assert.Null(p.grad));
        Assert.True(parameters[0].eq(before[0] + 1).all().item<bool>(), "the parameters keep their values");
    }
}
