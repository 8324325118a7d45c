using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Models;
using MLNet.DeepTrainers.Torch;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Torch;

/// <summary>
/// The shim's own max pooling (forward and gradient) against PyTorch's F.max_pool2d, from the fixture
/// eng/golden/max_pooling.py wrote: windows that leave inputs out, overlap, and skip inputs; ties, a
/// NaN and a -inf in the pooled values; and one training step whose weights show where the
/// gradient of each window went.
/// </summary>
public class MaxPoolingTests
{
    private static readonly int[] InputShape = [2, 9, 11];

    public static TheoryData<string, int, int> Windows() => new() { { "k2s2", 2, 2 }, { "k3s1", 3, 1 }, { "k2s3", 2, 3 } };

    private static readonly Lazy<Dictionary<string, NamedTensor>> All = new(() =>
    {
        var expected = new Dictionary<string, long[]>();
        foreach (var row in Windows())
        {
            var (window, k, s) = ((string)row[0], (int)row[1], (int)row[2]);
            int height = (9 - k) / s + 1, width = (11 - k) / s + 1;
            expected[$"{window}/input"] = [3, 2, 9, 11];
            expected[$"{window}/pooled"] = [3, 2, height, width];
            expected[$"{window}/x"] = [4, 2, 9, 11];
            expected[$"{window}/y"] = [4, 3];
            foreach (var stage in new[] { "start", "after" })
            {
                expected[$"{window}/{stage}/conv.weight"] = [2, 2, 1, 1];
                expected[$"{window}/{stage}/conv.bias"] = [2];
                expected[$"{window}/{stage}/dense.weight"] = [3, 2 * height * width];
                expected[$"{window}/{stage}/dense.bias"] = [3];
            }
        }
        return SafeTensors.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "max_pooling.safetensors")), expected, "the max-pooling fixture");
    });

    // One window's tensors, named without the window's prefix.
    private static Dictionary<string, NamedTensor> Fixture(string window) =>
        All.Value.Where(t => t.Key.StartsWith(window + "/", StringComparison.Ordinal)).ToDictionary(t => t.Key[(window.Length + 1)..], t => t.Value);

    [Theory]
    [MemberData(nameof(Windows))]
    public void Pooling_gives_PyTorchs_maxima_with_ties_NaN_and_minus_infinity(string name, int kernel, int stride)
    {
        var fixture = Fixture(name);
        var architecture = new NetworkArchitecture(InputShape, [new MaxPooling2D(kernel, stride), new Flatten()], ActivationKind.Linear);
        IScoringModel model = new SequentialModel(architecture, new Dictionary<string, NamedTensor>(), new TrainingHistory());
        var expected = fixture["pooled"].Values;
        var output = new float[expected.Length];

        model.Predict(fixture["input"].Values, 3, output);

        Assert.Contains(expected, float.IsNaN);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(output[i]), $"{name}: pooled[{i}] is {output[i]}, PyTorch gives {expected[i]}");
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void A_training_step_sends_each_windows_gradient_where_PyTorch_sends_it(string name, int kernel, int stride)
    {
        var fixture = Fixture(name);
        var architecture = new NetworkArchitecture(InputShape, [new Conv2D(2, 1), new MaxPooling2D(kernel, stride), new Flatten(), new Dense(3)], ActivationKind.Linear);
        // The architecture's tensors in order are the convolution's weight and bias, then the dense layer's.
        var names = architecture.Tensors().Keys.ToArray();
        string[] fixtureNames = ["conv.weight", "conv.bias", "dense.weight", "dense.bias"];
        using var network = new TorchNetwork(architecture, seed: 1, device: -1);
        network.SetParameters(names.Zip(fixtureNames).ToDictionary(pair => pair.First, pair => fixture[$"start/{pair.Second}"]));
        network.SetOptimizer(new Sgd(0.1).FullSpec);
        network.SetLoss(new RegressionTask().LossSpec(LossFunction.MeanSquaredError, "test"));

        network.TrainBatch(fixture["x"].Values, fixture["y"].Values, [], 4, 3, []);

        var after = network.GetParameters();
        foreach (var (library, torch) in names.Zip(fixtureNames))
        {
            var expected = fixture[$"after/{torch}"].Values;
            var start = fixture[$"start/{torch}"].Values;
            Assert.True(expected.Zip(start).Any(pair => pair.First != pair.Second), $"{name}: the fixture's {torch} did not move");
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - after[library].Values[i]) <= 1e-5, $"{name}: {torch}[{i}] is {after[library].Values[i]}, PyTorch gives {expected[i]}");
        }
    }
}
