using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Models;
using MLNet.DeepTrainers.Torch;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Torch;

/// <summary>
/// Every optimizer's step against torch.optim: eng/golden/optimizer_steps.py took six steps of each
/// (gradient clipping first where set, the learning rate halved after the third) from one start on
/// the same batches; the library's steps, on one thread and on two, must land on the same weights.
/// </summary>
public class OptimizerStepTests
{
    // The fixture's optimizers, by the names the script gives them, in the library's terms.
    public static TheoryData<string, Optimizer> Optimizers() => new()
    {
        { "sgd", new Sgd(0.1) },
        { "sgd_momentum", new Sgd(0.05, momentum: 0.9) },
        { "sgd_nesterov_clipnorm", new Sgd(0.03, momentum: 0.5, nesterov: true) { ClipNorm = 0.5 } },
        { "rmsprop", new RmsProp(0.01) },
        { "rmsprop_centered_momentum_clipvalue", new RmsProp(0.002, rho: 0.8, momentum: 0.1, epsilon: 1e-6, centered: true) { ClipValue = 0.75 } },
        { "adam", new Adam(0.01) },
        { "adam_amsgrad", new Adam(0.004, beta1: 0.8, beta2: 0.99, epsilon: 1e-5, amsGrad: true) },
        { "adamw_amsgrad", new AdamW(0.01, weightDecay: 0.1, amsGrad: true) },
        { "adagrad", new Adagrad(0.06) },
    };

    private static readonly Dictionary<string, long[]> Weights = new()
    {
        ["0.weight"] = [4, 5], ["0.bias"] = [4], ["2.weight"] = [2, 4], ["2.bias"] = [2],
    };

    private static readonly Lazy<Dictionary<string, NamedTensor>> Fixture = new(() =>
    {
        var expected = new Dictionary<string, long[]> { ["x"] = [24, 5], ["y"] = [24, 2] };
        foreach (var prefix in Optimizers().Select(row => (string)row[0]).Prepend("start"))
            foreach (var (name, shape) in Weights)
                expected[$"{prefix}/{name}"] = shape;
        return SafeTensors.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizer_steps.safetensors")), expected, "the optimizer fixture");
    });

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Six_steps_land_where_torch_optim_lands(string name, Optimizer optimizer)
    {
        foreach (int threads in new[] { 1, 2 })
        {
            var weights = Train(optimizer, threads);
            foreach (var parameter in Weights.Keys)
            {
                var expected = Fixture.Value[$"{name}/{parameter}"].Values;
                var start = Fixture.Value[$"start/{parameter}"].Values;
                var actual = weights[parameter].Values;
                // The steps move every weight, so an optimizer that did nothing could not pass.
                Assert.True(expected.Zip(start).Min(pair => Math.Abs(pair.First - pair.Second)) > 1e-5, $"{name}: the fixture's {parameter} did not move");
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-6, $"{name} on {threads} thread(s): {parameter}[{i}] is {actual[i]}, torch.optim gives {expected[i]}");
            }
        }
    }

    private static Dictionary<string, NamedTensor> Train(Optimizer optimizer, int threads)
    {
        TorchRuntime.UseThreads(threads);
        var architecture = new NetworkArchitecture([5], [new Dense(4, ActivationKind.Tanh), new Dense(2)], ActivationKind.Linear);
        using var network = new TorchNetwork(architecture, seed: 1, device: -1);
        network.SetParameters(Weights.Keys.ToDictionary(name => name, name => Fixture.Value[$"start/{name}"]));
        network.SetOptimizer(optimizer.FullSpec);
        network.SetLoss(new RegressionTask().LossSpec(LossFunction.MeanSquaredError, "test"));
        float[] x = Fixture.Value["x"].Values, y = Fixture.Value["y"].Values;
        for (int step = 0; step < 6; step++)
        {
            if (step == 3)
                network.SetLearningRate(optimizer.LearningRate * 0.5);
            int first = step % 3 * 8;
            network.TrainBatch(x.AsSpan(first * 5, 40), y.AsSpan(first * 2, 16), [], 8, 2, []);
        }
        return network.GetParameters();
    }

    [Fact]
    public void Weights_split_across_threads_step_exactly_as_on_one_thread()
    {
        // Big enough that each product and each optimizer pass is split into chunks on two threads.
        var architecture = new NetworkArchitecture([300], [new Dense(256, ActivationKind.ReLU), new Dense(3)], ActivationKind.Linear);
        var random = new Random(4);
        var x = Enumerable.Range(0, 64 * 300).Select(_ => (float)random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 64 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        Dictionary<string, NamedTensor> Train(int threads)
        {
            TorchRuntime.UseThreads(threads);
            using var network = new TorchNetwork(architecture, seed: 7, device: -1);
            network.SetOptimizer(new Adam(0.01).FullSpec);
            network.SetLoss(new RegressionTask().LossSpec(LossFunction.MeanSquaredError, "test"));
            for (int step = 0; step < 3; step++)
                network.TrainBatch(x, y, [], 64, 3, []);
            return network.GetParameters();
        }
        var one = Train(1);
        var two = Train(2);
        foreach (var (name, tensor) in one)
            for (int i = 0; i < tensor.Values.Length; i++)
                Assert.True(Math.Abs(tensor.Values[i] - two[name].Values[i]) <= 1e-6, $"{name}[{i}]: {tensor.Values[i]} on one thread, {two[name].Values[i]} on two");
    }
}
