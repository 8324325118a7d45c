using System.Globalization;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Torch;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Torch;

/// <summary>
/// The C ABI as an attacker or a bug would use it: every spec the C# side writes must be read back by
/// the shim exactly as written, a spec the C# writer would never produce must be refused, and every
/// buffer whose length disagrees with the shapes must be an error, never an out-of-bounds access.
/// </summary>
public class NativeBoundaryTests
{
    // Every layer kind, with options away from their defaults so a reader that fell back to a default would show.
    private static NetworkArchitecture EveryLayer() => new([1, 6, 6],
    [
        new Conv2D(3, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.LeakyReLU, useBias: false, kernelInitializer: Initializer.HeNormal) { KernelL1 = 0.25f, KernelL2 = 0.125f, MaxNorm = 3 },
        new BatchNormalization(momentum: 0.9, epsilon: 0.002),
        new AveragePooling2D(1),
        new MaxPooling2D(2, strides: 1),
        new GlobalAveragePooling2D(),
        new Reshape(3),
        new Dense(5, ActivationKind.GELU, kernelInitializer: Initializer.RandomNormal),
        new LeakyReLU(0.05f),
        new PReLU(),
        new Dropout(0.375f),
        new Activation(ActivationKind.Swish),
        new Flatten(),
        new Dense(2, ActivationKind.Tanh),
        new Activation(ActivationKind.ELU),
        new Activation(ActivationKind.Sigmoid),
        new Activation(ActivationKind.ReLU),
    ], ActivationKind.Softmax);

    public static TheoryData<Optimizer> Optimizers() =>
    [
        new Sgd(0.03, momentum: 0.5, nesterov: true) { ClipNorm = 1.5 },
        new RmsProp(0.002, rho: 0.8, momentum: 0.1, epsilon: 1e-6, centered: true) { ClipValue = 0.75 },
        new Adam(0.004, beta1: 0.8, beta2: 0.99, epsilon: 1e-5, amsGrad: true),
        new AdamW(0.005) { ClipNorm = 2, ClipValue = 3 },
        new Adagrad(0.06),
    ];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Every_layer_optimizer_and_loss_reads_back_exactly_as_written(Optimizer optimizer)
    {
        var architecture = EveryLayer();
        using var network = new TorchNetwork(architecture, seed: 1, device: -1);
        // Every loss every task accepts.
        LearningTask[] tasks = [new RegressionTask(), new BinaryClassificationTask(), new MulticlassClassificationTask()];
        var losses = tasks.SelectMany(task => Enum.GetValues<LossFunction>().Select(loss =>
        {
            try
            {
                return task.LossSpec(loss, "test");
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        })).OfType<SpecLine>().ToList();
        Assert.Equal(Enum.GetValues<LossFunction>().Length, losses.Select(l => l.ToString().Split(' ')[0]).Distinct().Count());
        foreach (var loss in losses)
        {
            network.SetOptimizer(optimizer.FullSpec);
            network.SetLoss(loss);
            var written = architecture.Spec().Split('\n', StringSplitOptions.RemoveEmptyEntries).Append(optimizer.FullSpec.ToString()).Append(loss.ToString()).ToList();
            var understood = network.Understood().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(written.Count, understood.Length);
            for (int i = 0; i < written.Count; i++)
                Assert.Equal(Parse(written[i]), Parse(understood[i]));
        }
    }

    // A line as its kind and its options sorted by key, numbers written as the doubles they denote.
    private static string Parse(string line)
    {
        var parts = line.Split(' ');
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var (key, value) = (part[..part.IndexOf('=')], part[(part.IndexOf('=') + 1)..]);
            options[key] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number.ToString("R", CultureInfo.InvariantCulture) : value;
        }
        return parts[0] + " " + string.Join(' ', options.Select(o => $"{o.Key}={o.Value}"));
    }

    [Theory]
    [InlineData("input shape=2\ndense in=2 out=1 bias=1 init=glorot_uniform l1=0 l2=0 maxnrom=0\noutput width=1 activation=linear", "lacks the key 'maxnorm'")]
    [InlineData("input shape=2\ndense in=2 out=1 bias=1 init=glorot_uniform l1=0 l2=0 maxnorm=0 extra=1\noutput width=1 activation=linear", "'extra' is not one a 'dense' line takes")]
    [InlineData("input shape=2\ndense in=2 out=1 out=2 bias=1 init=glorot_uniform l1=0 l2=0 maxnorm=0\noutput width=1 activation=linear", "given twice")]
    [InlineData("input shape=2\ndense 2 1\noutput width=1 activation=linear", "is not key=value")]
    [InlineData("input shape=2\ndense in=2 out=-1 bias=1 init=glorot_uniform l1=0 l2=0 maxnorm=0\noutput width=1 activation=linear", "must be positive")]
    [InlineData("input shape=2\ndense in=2 out=1 bias=1 init=glorot_uniform l1=nan l2=0 maxnorm=0\noutput width=1 activation=linear", "not a finite number")]
    [InlineData("input shape=2\nconvolve in=2\noutput width=1 activation=linear", "unknown layer kind 'convolve'")]
    [InlineData("input shape=99999999999,99999999999\noutput width=1 activation=linear", "overflows")]
    public void The_shims_reader_refuses_what_the_writer_never_writes(string spec, string message)
    {
        NativeMethods.EnsureLoaded();
        using var handle = NativeMethods.NetCreate(spec, 1, -1);
        Assert.True(handle.IsInvalid);
        Assert.Contains(message, TorchRuntime.LastError());
    }

    [Fact]
    public void A_buffer_shorter_or_longer_than_its_shapes_is_an_error_not_an_out_of_bounds_access()
    {
        using var network = new TorchNetwork(new NetworkArchitecture([4], [new Dense(3)], ActivationKind.Linear), seed: 1, device: -1);
        network.SetOptimizer(new Adam().FullSpec);
        network.SetLoss(new SpecLine("mse"));

        Assert.Contains("input buffer holds 7 values", Assert.Throws<TorchException>(() => network.Predict(new float[7], 2, new float[6])).Message);
        Assert.Contains("output buffer holds 5 values", Assert.Throws<TorchException>(() => network.Predict(new float[8], 2, new float[5])).Message);
        Assert.Contains("target buffer holds 1 values", Assert.Throws<TorchException>(() => network.TrainBatch(new float[8], new float[1], default, 2, 3, default)).Message);
        Assert.Contains("weight buffer holds 1 values", Assert.Throws<TorchException>(() => network.TrainBatch(new float[8], new float[6], new float[1], 2, 3, default)).Message);
        Assert.Contains("at least one row", Assert.Throws<TorchException>(() => network.Predict(new float[8], 0, new float[6])).Message);
        var output = new float[6];
        network.Predict(new float[8], 2, output); // the right sizes still work
    }
}
