using MLNet.DeepTrainers.Tests.Layers;

namespace MLNet.DeepTrainers.Tests.Training;

/// <summary>
/// Every optimizer's steps, gradient clipping, regularizer penalties and constraints against torch.optim,
/// through the trainer's own loop. The golden values are in Fixtures/optimizer_steps.safetensors, written by
/// <c>/usr/bin/python3 eng/golden/optimizer_steps.py tests/MLNet.DeepTrainers.Tests/Fixtures/optimizer_steps.safetensors</c>
/// (Debian's python3-torch): Dense(4, Tanh), Dense(1) on 5 inputs from one start ("start/..."), trained by
/// the case's torch.optim optimizer on the 24 rows "x", "y" with the regression loss, once as one step on
/// all rows and once as six steps of 8 rows in order. Here the same network starts from the same weights
/// (InitialWeights), trains with Shuffle off on the CPU, and must land on PyTorch's weights to 1e-6 and
/// report PyTorch's epoch losses (penalties included) to 1e-5.
/// </summary>
public sealed class OptimizerParityTests
{
    private const string File = "optimizer_steps.safetensors";

    private static Layer[] Plain() => [new Dense(4, ActivationKind.Tanh), new Dense(1)];

    // The script's cases, by name: the library's optimizer (Keras's names, PyTorch's in the comment) and layers.
    private static readonly Dictionary<string, (Optimizer Optimizer, Layer[] Layers)> Cases = new()
    {
        ["sgd"] = (new Sgd(0.1), Plain()),                                                           // SGD(lr=0.1)
        ["sgd_defaults"] = (new Sgd(), Plain()),                                                       // SGD(lr=0.01)
        ["sgd_momentum"] = (new Sgd(0.05, momentum: 0.9), Plain()),                                    // SGD(lr=0.05, momentum=0.9)
        ["sgd_nesterov"] = (new Sgd(0.03, momentum: 0.5, nesterov: true), Plain()),                    // SGD(lr=0.03, momentum=0.5, nesterov=True)
        ["rmsprop"] = (new RmsProp(0.01), Plain()),                                                    // RMSprop(lr=0.01, alpha=0.9, eps=1e-7)
        ["rmsprop_centered"] = (new RmsProp(0.005, rho: 0.8, epsilon: 1e-6, centered: true), Plain()), // RMSprop(lr=0.005, alpha=0.8, eps=1e-6, centered=True)
        ["rmsprop_momentum"] = (new RmsProp(0.005, momentum: 0.5), Plain()),                           // RMSprop(lr=0.005, alpha=0.9, eps=1e-7, momentum=0.5)
        ["rmsprop_centered_momentum"] = (new RmsProp(0.002, rho: 0.8, momentum: 0.1, epsilon: 1e-6, centered: true), Plain()),
        ["adam"] = (new Adam(0.01), Plain()),                                                          // Adam(lr=0.01, eps=1e-7)
        ["adam_defaults"] = (new Adam(), Plain()),                                                     // Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-7)
        ["adam_amsgrad"] = (new Adam(0.004, beta1: 0.8, beta2: 0.99, epsilon: 1e-5, amsGrad: true), Plain()),
        ["adamw"] = (new AdamW(0.01), Plain()),                                                        // AdamW(lr=0.01, weight_decay=0.004, eps=1e-7)
        ["adamw_amsgrad"] = (new AdamW(0.01, weightDecay: 0.1, amsGrad: true), Plain()),
        ["adagrad"] = (new Adagrad(0.06), Plain()),                                                    // Adagrad(lr=0.06, initial_accumulator_value=0.1, eps=1e-7)
        ["adadelta"] = (new Adadelta(1.0, rho: 0.9, epsilon: 1e-4), Plain()),                          // Adadelta(lr=1.0, rho=0.9, eps=1e-4)
        ["adamax"] = (new Adamax(0.02), Plain()),                                                      // Adamax(lr=0.02, betas=(0.9, 0.999), eps=1e-7)
        ["nadam"] = (new Nadam(0.01), Plain()),                                                        // NAdam(lr=0.01, betas=(0.9, 0.999), eps=1e-7)
        // Keras's clipnorm rescales each weight tensor's gradient on its own, clipvalue clamps each element.
        ["sgd_clipnorm"] = (new Sgd(0.1) { ClipNorm = 0.5 }, Plain()),
        ["adam_clipnorm"] = (new Adam(0.01) { ClipNorm = 0.1 }, Plain()),
        ["sgd_clipvalue"] = (new Sgd(0.1) { ClipValue = 0.05 }, Plain()),
        ["rmsprop_clipvalue"] = (new RmsProp(0.002, rho: 0.8, momentum: 0.1, epsilon: 1e-6, centered: true) { ClipValue = 0.75 }, Plain()),
        // Penalties in the loss: l1 · Σ|w| + l2 · Σw².
        ["l2_kernel"] = (new Sgd(0.1), [new Dense(4, ActivationKind.Tanh) { KernelRegularizer = Regularizers.L2(0.05) }, new Dense(1)]),
        ["l1_l2"] = (new Adam(0.01),
        [
            new Dense(4, ActivationKind.Tanh) { KernelRegularizer = Regularizers.L1(0.02), BiasRegularizer = Regularizers.L1(0.05) },
            new Dense(1) { KernelRegularizer = Regularizers.L1L2(0.01, 0.02), BiasRegularizer = Regularizers.L2(0.1) },
        ]),
        // Constraints after each step: Keras's MaxNorm over each unit's incoming weights and over the whole bias; NonNeg.
        ["max_norm"] = (new Sgd(0.5), [new Dense(4, ActivationKind.Tanh) { KernelConstraint = new MaxNorm(0.5), BiasConstraint = new MaxNorm(0.3) }, new Dense(1)]),
        ["non_neg"] = (new Sgd(0.1), [new Dense(4, ActivationKind.Tanh) { KernelConstraint = new NonNeg() }, new Dense(1) { BiasConstraint = new NonNeg() }]),
    };

    private static readonly string[] WeightNames = ["0.weight", "0.bias", "2.weight", "2.bias"];

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void One_step_lands_where_torch_optim_lands(string name) => Check(name, "step", batchSize: 24, epochs: 1);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Six_steps_over_two_epochs_land_where_torch_optim_lands(string name) => Check(name, "steps", batchSize: 8, epochs: 2);

    [Fact]
    public void Every_optimizer_and_case_of_the_fixture_is_tested()
    {
        var optimizers = typeof(Optimizer).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Optimizer)) && !t.IsAbstract).Select(t => t.Name).Order();
        Assert.Equal(optimizers, Cases.Values.Select(c => c.Optimizer.GetType().Name).Distinct().Order());
        var fixtureCases = Golden.Fixture(File).Keys.Where(k => k.EndsWith("/loss", StringComparison.Ordinal)).Select(k => k[..^"/loss".Length]);
        Assert.Equal(fixtureCases.Order(), Cases.Keys.Order());
    }

    private static void Check(string name, string run, int batchSize, int epochs)
    {
        var fixture = Golden.Fixture(File);
        var (optimizer, layers) = Cases[name];
        var model = Train(fixture, optimizer, layers, batchSize, epochs);
        var weights = model.GetWeights();
        Assert.Equal(WeightNames.Order(), weights.Keys.Order());
        foreach (var weight in WeightNames)
        {
            var start = fixture[$"start/{weight}"].Floats;
            var expected = fixture[$"{name}/{run}/{weight}"].Floats;
            // The steps move every weight tensor, so an optimizer that did nothing could not pass.
            Assert.True(expected.Zip(start).Max(p => Math.Abs(p.First - p.Second)) > 1e-4, $"{name}: the fixture's {weight} did not move");
            Golden.Near(expected, weights[weight].Values, 1e-6, $"{name} {run} {weight}");
        }
        var losses = fixture[run == "step" ? $"{name}/loss" : $"{name}/losses"].Floats;
        Assert.Equal(epochs, model.History.Epochs.Count);
        for (int epoch = 0; epoch < epochs; epoch++)
            Assert.True(Math.Abs(losses[epoch] - model.History.Epochs[epoch].Loss) <= 1e-5, $"{name} {run}: epoch {epoch + 1}'s loss is {model.History.Epochs[epoch].Loss:R}; PyTorch's is {losses[epoch]:R}");
    }

    /// <summary>The trainer's model after <paramref name="epochs"/> epochs of <paramref name="batchSize"/> rows in order, from the fixture's start.</summary>
    internal static DeepModel Train(IReadOnlyDictionary<string, GoldenTensor> fixture, Optimizer optimizer, Layer[] layers, int batchSize, int epochs)
    {
        var ml = new MLContext(seed: 1);
        float[] x = fixture["x"].Floats, y = fixture["y"].Floats;
        var rows = Enumerable.Range(0, y.Length).Select(r => new Row { Features = x.AsSpan(r * 5, 5).ToArray(), Label = y[r] }).ToList();
        string folder = Directory.CreateTempSubdirectory("optimizer-parity-").FullName;
        try
        {
            string start = Path.Combine(folder, "start.safetensors");
            SafeTensors.Write(start, WeightNames.ToDictionary(w => w, w => fixture[$"start/{w}"].ToNamed()));
            var trainer = ml.Regression.Trainers.Sequential(new SequentialOptions
            {
                Layers = layers,
                Optimizer = optimizer,
                Epochs = epochs,
                BatchSize = batchSize,
                Shuffle = false,
                InitialWeights = start,
                // torch.optim's steps are over the fixture's network, which reads the features as they are and outputs the label as it is.
                NormalizeInputs = InputNormalization.No,
                NormalizeLabel = false,
                Device = DeviceKind.Cpu,
                Seed = 1,
            });
            return trainer.Fit(ml.Data.LoadFromEnumerable(rows)).Model;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Row
    {
        [VectorType(5)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
