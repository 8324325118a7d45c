using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// Max pooling's forward pass and gradient against PyTorch's F.max_pool2d, from Fixtures/max_pooling.safetensors,
/// written by <c>/usr/bin/python3 eng/golden/max_pooling.py tests/MLNet.DeepTrainers.Tests/Fixtures/max_pooling.safetensors</c>
/// (Debian's python3-torch): windows that leave inputs out (2×2 stride 2 on 9×11), overlap (3×3 stride 1)
/// and skip inputs (2×2 stride 3); ties, a NaN and a -inf among the pooled values; and one SGD step of
/// Conv2D(2, 1×1), MaxPooling2D, Flatten, Dense(3) whose weights show where each window's gradient went.
/// </summary>
public sealed class MaxPoolingTests
{
    private const string File = "max_pooling.safetensors";

    private static readonly int[] InputShape = [2, 9, 11];

    public static TheoryData<string, int, int> Windows() => new() { { "k2s2", 2, 2 }, { "k3s1", 3, 1 }, { "k2s3", 2, 3 } };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Pooling_gives_PyTorchs_maxima_with_ties_NaN_and_minus_infinity(string name, int kernel, int stride)
    {
        var fixture = Golden.Fixture(File);
        var architecture = new NetworkArchitecture(InputShape, [new MaxPooling2D(kernel, stride), new Flatten()]);
        var pooled = fixture[$"{name}/pooled"];
        Assert.Equal(pooled.Shape[1..].Select(d => (int)d).ToArray(), architecture.OutputShapes[0]);
        var expected = pooled.Floats;

        var (output, _) = LayerParityTests.Forward(architecture, new Dictionary<string, NamedTensor>(), fixture[$"{name}/input"].ToNamed());

        Assert.Contains(fixture[$"{name}/input"].Floats, float.IsNegativeInfinity);
        Assert.Contains(expected, float.IsNaN);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(output[i]), $"{name}: pooled[{i}] is {output[i]}, PyTorch gives {expected[i]}");
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void A_training_step_sends_each_windows_gradient_where_PyTorch_sends_it(string name, int kernel, int stride)
    {
        var fixture = Golden.Fixture(File);
        var architecture = new NetworkArchitecture(InputShape, [new Conv2D(2, 1), new MaxPooling2D(kernel, stride), new Flatten(), new Dense(3)]);
        // The library's names (modules 0 to 3: convolution, pooling, flatten, dense) beside the script's.
        var names = new Dictionary<string, string> { ["0.weight"] = "conv.weight", ["0.bias"] = "conv.bias", ["3.weight"] = "dense.weight", ["3.bias"] = "dense.bias" };
        Assert.Equal(names.Keys.Order(), architecture.Tensors().Keys.Order());

        TorchRuntime.EnsureLoaded();
        using var network = architecture.Build(seed: 1);
        NetworkWeights.Write(network, names.ToDictionary(n => n.Key, n => fixture[$"{name}/start/{n.Value}"].ToNamed()), "test");
        network.train();
        using (var optimizer = new Sgd(0.1).Create(network.parameters()))
        using (var scope = torch.NewDisposeScope())
        {
            var x = fixture[$"{name}/x"];
            var y = fixture[$"{name}/y"];
            var output = network.forward(torch.tensor(x.Floats, [x.Shape[0], architecture.InputSize]));
            // F.mse_loss: the mean over every output of every row.
            var loss = (output - torch.tensor(y.Floats, y.Shape)).square().mean();
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.Step();
        }

        var after = NetworkWeights.Read(network);
        foreach (var (library, script) in names)
        {
            var expected = fixture[$"{name}/after/{script}"].Floats;
            var start = fixture[$"{name}/start/{script}"].Floats;
            Assert.True(expected.Zip(start).Any(pair => pair.First != pair.Second), $"{name}: the fixture's {script} did not move");
            Golden.Near(expected, after[library].Values, 1e-6, $"{name} {library}");
        }
    }
}
