namespace MLNet.DeepTrainers.Tests.Training;

/// <summary>
/// TorchSharp 0.107 gives libtorch the native handle of a temporary Scalar for every number an operation
/// takes, and the Scalar's finalizer frees it; a garbage collection on another thread during the native call
/// can run that finalizer first, and the operation then fails ("Expected false to be true") or computes with
/// a wrong number. Here every optimizer trains a network of every layer that takes a number (LeakyReLU, ELU,
/// PReLU, BatchNormalization, Dropout) with regularizers, constraints, clipping, example weights, validation
/// and each task's losses, once quietly and once while another thread allocates garbage without pause: the
/// second must finish and land on exactly the first's weights and losses. Through TorchSharp's torch.optim
/// and nn modules, every run of this test failed (the numbers are in the README's "Optimizers" paragraph).
/// </summary>
[Collection(Alone.Name)]
public sealed class ScalarLifetimeTests
{
    private const int Rows = 64;
    private const int Epochs = 20;
    private const string ClassColumn = "Class";

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    // Each optimizer with one of the code paths a step can take: the tasks' losses, example weights, validation, clipping.
    private static readonly Dictionary<string, (Optimizer Optimizer, Func<MLContext, SequentialOptions, DeepTrainer> Trainer)> Cases = new()
    {
        ["sgd_mse"] = (new Sgd(0.01, momentum: 0.9, nesterov: true), Regression(LossFunction.MeanSquaredError)),
        ["rmsprop_mae"] = (new RmsProp(0.001, momentum: 0.5, centered: true), Regression(LossFunction.MeanAbsoluteError)),
        ["adam_huber_weights"] = (new Adam(0.005, amsGrad: true), (ml, options) =>
        {
            options.ExampleWeightColumnName = nameof(Row.Weight);
            return Regression(LossFunction.Huber)(ml, options);
        }),
        ["adamw_cross_entropy"] = (new AdamW(0.005, amsGrad: true), Binary(LossFunction.BinaryCrossEntropy)),
        ["adagrad_hinge"] = (new Adagrad(0.01), Binary(LossFunction.Hinge)),
        ["adadelta_multiclass"] = (new Adadelta(1.0), (ml, options) =>
        {
            options.LabelColumnName = ClassColumn;
            options.Layers = Network(3);
            return ml.MulticlassClassification.Trainers.Sequential(options);
        }),
        ["adamax_validation"] = (new Adamax(0.005), (ml, options) =>
        {
            options.ValidationFraction = 0.25;
            return Regression(null)(ml, options);
        }),
        ["nadam_clipped"] = (new Nadam(0.005) { ClipNorm = 1, ClipValue = 0.5 }, Regression(null)),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Training_while_another_thread_allocates_garbage_lands_where_quiet_training_does(string name)
    {
        var quiet = Train(name);
        DeepModel stormy;
        using (new GarbageStorm())
            stormy = Train(name);

        Assert.Equal(quiet.History.Epochs.Select(e => (e.Loss, e.Metric, e.ValidationLoss)), stormy.History.Epochs.Select(e => (e.Loss, e.Metric, e.ValidationLoss)));
        var expected = quiet.GetWeights();
        var weights = stormy.GetWeights();
        Assert.Equal(expected.Keys.Order(), weights.Keys.Order());
        foreach (var (weight, tensor) in expected)
            Assert.Equal(tensor.Values, weights[weight].Values);
    }

    private static DeepModel Train(string name)
    {
        var ml = new MLContext(seed: 1);
        var (optimizer, trainer) = Cases[name];
        var options = new SequentialOptions
        {
            Layers = Network(1),
            Optimizer = optimizer,
            Epochs = Epochs,
            BatchSize = 4,
            Device = DeviceKind.Cpu,
            Seed = 7,
            // One libtorch thread: on a small machine, an idle intra-op thread spinning beside the storm's slows every step tenfold.
            NumberOfThreads = 1,
        };
        var data = ml.Data.LoadFromEnumerable(Data());
        data = ml.Transforms.Conversion.MapValueToKey(ClassColumn, nameof(Row.ClassName)).Fit(data).Transform(data);
        return trainer(ml, options).Fit(data).Model;
    }

    private static Func<MLContext, SequentialOptions, DeepTrainer> Regression(LossFunction? loss) => (ml, options) =>
    {
        options.LabelColumnName = nameof(Row.Value);
        options.Loss = loss;
        return ml.Regression.Trainers.Sequential(options);
    };

    private static Func<MLContext, SequentialOptions, DeepTrainer> Binary(LossFunction loss) => (ml, options) =>
    {
        options.LabelColumnName = nameof(Row.Flag);
        options.Loss = loss;
        return ml.BinaryClassification.Trainers.Sequential(options);
    };

    /// <summary>Every layer that takes a number, every penalty and constraint, and an output of <paramref name="outputs"/> values.</summary>
    private static Layer[] Network(int outputs) =>
    [
        new Dense(16, ActivationKind.LeakyReLU)
        {
            KernelRegularizer = Regularizers.L1L2(1e-3, 1e-3), BiasRegularizer = Regularizers.L2(1e-3), ActivityRegularizer = Regularizers.L1L2(1e-4, 1e-4),
            KernelConstraint = new MaxNorm(2), BiasConstraint = new NonNeg(),
        },
        new BatchNormalization(),
        new LeakyReLU(0.1f),
        new Dense(16, ActivationKind.ELU),
        new PReLU(),
        new Dropout(0.1f),
        new Dense(outputs),
    ];

    private static List<Row> Data()
    {
        var random = new Random(3);
        return [.. Enumerable.Range(0, Rows).Select(_ =>
        {
            float[] x = [.. Enumerable.Range(0, 6).Select(_ => (float)(random.NextDouble() * 2 - 1))];
            float value = x[0] - 2 * x[1] + x[2] * x[3];
            return new Row { Features = x, Value = value, Flag = value > 0, ClassName = value < -0.5 ? "low" : value < 0.5 ? "middle" : "high", Weight = 0.5f + (float)random.NextDouble() };
        })];
    }

    /// <summary>
    /// A thread that allocates small arrays without pause until disposed, so collections keep happening during
    /// the test thread's native calls. Of the storms tried against TorchSharp's optimizers and modules (1 KB arrays,
    /// 64-byte arrays, GC.Collect() in a loop, gen-0 collections), 64-byte arrays failed this test most often;
    /// GC.Collect() in a loop once starved it for minutes.
    /// </summary>
    private sealed class GarbageStorm : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public GarbageStorm()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                    GC.KeepAlive(new byte[64]);
            }) { IsBackground = true, Name = "Garbage storm" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }

    private sealed class Row
    {
        [VectorType(6)] public float[] Features { get; set; } = [];
        public float Value { get; set; }
        public bool Flag { get; set; }
        public string ClassName { get; set; } = "";
        public float Weight { get; set; }
    }
}
