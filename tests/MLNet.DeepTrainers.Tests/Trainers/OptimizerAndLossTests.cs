using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// One example x = (1, 2), y = 3 and a bias-free Dense(1) starting at zero weights: the first step and
/// the first loss can be computed by hand. The loss is 9 (MSE), 3 (MAE) or 2.5 (Huber, delta 1), and
/// its gradient for MSE is 2·(0 - 3)·x = (-6, -12).
/// </summary>
public class OptimizerAndLossTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView One() => _ml.Data.LoadFromEnumerable(new[] { new VectorRow2 { Features = [1, 2], Label = 3 } });

    private SequentialModel Step(Optimizer optimizer, LossFunction? loss = null, int epochs = 1) =>
        _ml.Regression.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Dense(1, useBias: false, kernelInitializer: Initializer.Zeros)],
            Optimizer = optimizer,
            Loss = loss,
            Epochs = epochs,
            BatchSize = 1,
        }).Fit(One()).Model;

    private static float[] Kernel(SequentialModel model) => model.Weights["0.weight"].Values;

    [Fact]
    public void Sgd_steps_against_the_gradient()
    {
        var model = Step(new Sgd(learningRate: 0.1));
        Assert.Equal([0.6f, 1.2f], Kernel(model));
        Assert.Equal(9.0, model.History.Epochs[0].TrainLoss, 6);
    }

    [Fact]
    public void ClipValue_clamps_each_gradient_element_and_ClipNorm_rescales_the_whole()
    {
        Assert.Equal([0.1f, 0.1f], Kernel(Step(new Sgd(0.1) { ClipValue = 1 })));
        var norm = Kernel(Step(new Sgd(0.1) { ClipNorm = 1 }));
        double length = Math.Sqrt(36 + 144);
        Assert.Equal(0.1 * 6 / length, norm[0], 6);
        Assert.Equal(0.1 * 12 / length, norm[1], 6);
    }

    [Fact]
    public void Adams_first_step_is_the_learning_rate_in_each_direction()
    {
        // Bias-corrected first step: lr · g / (|g| + eps) ≈ lr for every weight.
        var kernel = Kernel(Step(new Adam(learningRate: 0.01)));
        Assert.Equal(0.01, kernel[0], 6);
        Assert.Equal(0.01, kernel[1], 6);
    }

    [Fact]
    public void Sgd_momentum_accumulates_velocity()
    {
        // Step 1: v = g = (-6, -12), w = (0.06, 0.12) at lr 0.01. Step 2: g = 2·(w·x - 3)·x = 2·(0.3 - 3)·x = (-5.4, -10.8),
        // v = 0.9·v + g = (-10.8, -21.6), w = w - 0.01·v = (0.168, 0.336).
        var kernel = Kernel(Step(new Sgd(0.01, momentum: 0.9), epochs: 2));
        Assert.Equal(0.168, kernel[0], 5);
        Assert.Equal(0.336, kernel[1], 5);
    }

    [Theory]
    [InlineData(LossFunction.MeanSquaredError, 9.0)]
    [InlineData(LossFunction.MeanAbsoluteError, 3.0)]
    [InlineData(LossFunction.Huber, 2.5)]
    public void Regression_losses_at_zero_output(LossFunction loss, double expected) =>
        Assert.Equal(expected, Step(new Sgd(1e-9), loss).History.Epochs[0].TrainLoss, 6);

    [Theory]
    [InlineData(LossFunction.BinaryCrossEntropy, 0.6931471805599453)] // ln 2 at a zero logit
    [InlineData(LossFunction.Hinge, 1.0)]                              // max(0, 1 - t·0)
    public void Binary_losses_at_zero_output(LossFunction loss, double expected)
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new BinaryVector { Features = [1, 2], Label = true }, new BinaryVector { Features = [2, 1], Label = false } });
        var model = _ml.BinaryClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Dense(1, useBias: false, kernelInitializer: Initializer.Zeros)],
            Optimizer = new Sgd(1e-9),
            Loss = loss,
            Epochs = 1,
        }).Fit(data).Model;
        Assert.Equal(expected, model.History.Epochs[0].TrainLoss, 6);
    }

    [Fact]
    public void Categorical_cross_entropy_at_zero_outputs_is_ln_of_the_class_count()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new KeyVector { Features = [1, 2], Label = 1 }, new KeyVector { Features = [2, 1], Label = 3 } });
        var model = _ml.MulticlassClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Dense(4, useBias: false, kernelInitializer: Initializer.Zeros)],
            Optimizer = new Sgd(1e-9),
            Epochs = 1,
        }).Fit(data).Model;
        Assert.Equal(Math.Log(4), model.History.Epochs[0].TrainLoss, 6);
    }

    [Fact]
    public void L2_regularization_adds_l2_times_the_squared_kernel_to_the_loss()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow2 { Features = [1, 2], Label = 3 }, new VectorRow2 { Features = [-1, 0.5f], Label = 1 } });
        SequentialModel Train(float l2) => _ml.Regression.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Dense(3, ActivationKind.Tanh) { KernelL2 = l2 }, new Dense(1)],
            Optimizer = new Sgd(1e-12), // the weights stay where they started
            Epochs = 1,
            Seed = 5,
        }).Fit(data).Model;
        var plain = Train(0);
        var penalised = Train(0.5f);
        double squares = penalised.Weights["0.weight"].Values.Sum(w => (double)w * w);
        Assert.Equal(plain.History.Epochs[0].TrainLoss + 0.5 * squares, penalised.History.Epochs[0].TrainLoss, 5);
    }

    [Fact]
    public void MaxNorm_keeps_each_units_incoming_weights_within_the_norm()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 64).Select(i => new VectorRow2 { Features = [i % 8, i / 8], Label = i }).ToList());
        var model = _ml.Regression.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Dense(6, ActivationKind.ReLU) { MaxNorm = 0.5f }, new Dense(1)],
            Optimizer = new Adam(0.1),
            Epochs = 3,
        }).Fit(data).Model;
        var kernel = model.Weights["0.weight"];
        for (int unit = 0; unit < 6; unit++)
            Assert.InRange(Math.Sqrt(kernel.Values.Skip(unit * 2).Take(2).Sum(w => (double)w * w)), 0, 0.5 + 1e-6);
    }

    [Fact]
    public void Every_optimizer_lowers_the_loss()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 64).Select(i => new VectorRow2 { Features = [i % 8 / 8f, i / 64f], Label = i % 8 / 4f - 1 }).ToList());
        Optimizer[] optimizers = [new Sgd(0.05, 0.9, nesterov: true), new RmsProp(0.01, centered: true), new Adam(0.01, amsGrad: true), new AdamW(0.01), new Adagrad(0.1)];
        foreach (var optimizer in optimizers)
        {
            var history = _ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [16], Optimizer = optimizer, Epochs = 15, BatchSize = 8, Seed = 2 }).Fit(data).Model.History.Epochs;
            Assert.True(history[^1].TrainLoss < history[0].TrainLoss / 2, $"{optimizer.GetType().Name}: {history[0].TrainLoss} to {history[^1].TrainLoss}");
        }
    }

    public sealed class VectorRow2
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    public sealed class BinaryVector
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public sealed class KeyVector
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        [KeyType(4)] public uint Label { get; set; }
    }
}
