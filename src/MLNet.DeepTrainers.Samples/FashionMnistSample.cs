namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// The seeds' Fashion-MNIST progression: Dense (softmax regression), MLP, MLP with dropout, CNN, each
/// with a validation split and early stopping, ending in a table of test accuracy, weights and seconds per epoch.
/// </summary>
public static class FashionMnistSample
{
    /// <summary>One row of the table.</summary>
    public sealed record Result(string Network, double TestAccuracy, long Parameters, double SecondsPerEpoch, int Epochs, string? StopReason);

    /// <summary>The networks of the progression (1 epoch each when <paramref name="quick"/>). Dense and MLP read the (1, 28, 28) images flat; the convnet reads them as images.</summary>
    public static IReadOnlyList<(string Name, DeepTrainerOptions Options)> Networks(bool quick)
    {
        int Epochs(int full) => quick ? 1 : full;
        return
        [
            // Keras's 1e-3: on 60,000 images a linear model converges within an epoch, and Dense's 1e-2 (chosen for small data) is noisier.
            ("Dense", new DenseOptions { FeatureColumnName = "Pixels", Epochs = Epochs(5), Optimizer = new Adam(0.001) }),
            ("MLP 512-512", new MlpOptions { FeatureColumnName = "Pixels", HiddenLayers = [512, 512], Epochs = Epochs(8) }),
            ("MLP + dropout", new MlpOptions { FeatureColumnName = "Pixels", HiddenLayers = [512, 512], DropoutRate = 0.2f, Epochs = Epochs(8) }),
            ("CNN", new SequentialOptions
            {
                FeatureColumnName = "Pixels",
                Epochs = Epochs(6),
                // The seeds' convnet.
                Layers = [new Conv2D(32, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2), new Conv2D(64, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2),
                    new Conv2D(64, 3, activation: ActivationKind.ReLU), new Flatten(), new Dense(64, ActivationKind.ReLU), new Dense(10, ActivationKind.Softmax)],
            }),
        ];
    }

    /// <summary>The multiclass trainer of one of <see cref="Networks"/>.</summary>
    public static DeepTrainer Trainer(MLContext ml, DeepTrainerOptions network) => network switch
    {
        DenseOptions dense => ml.MulticlassClassification.Trainers.Dense(dense),
        MlpOptions mlp => ml.MulticlassClassification.Trainers.Mlp(mlp),
        _ => ml.MulticlassClassification.Trainers.Sequential((SequentialOptions)network),
    };

    public static IReadOnlyList<Result> Run(SampleOptions options)
    {
        var output = options.Output;
        string folder = options.Data ?? FashionMnist.DefaultFolder;
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(FashionMnist.Load(folder, train: true, limit: options.Quick ? 1000 : int.MaxValue));
        var test = ml.Data.LoadFromEnumerable(FashionMnist.Load(folder, train: false, limit: options.Quick ? 500 : int.MaxValue));
        var results = new List<Result>();
        foreach (var (name, network) in Networks(options.Quick))
        {
            network.BatchSize = 128;
            network.ValidationFraction = 0.1;
            network.Callbacks = [new EarlyStopping("val_accuracy", patience: 2, restoreBestWeights: true), ProgressCallback.Console()];
            output.WriteLine($"{name}:");
            var model = Trainer(ml, network).Fit(train);
            var history = model.Model.History;
            double accuracy = ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
            results.Add(new Result(name, accuracy, model.Model.ParameterCount, history.Epochs.Average(e => e.Seconds), history.Epochs.Count, history.StopReason));
            string file = name.ToLowerInvariant().Replace(' ', '-').Replace("+", "plus").Replace("--", "-");
            history.SaveSvg(options.OutputFile($"fashion-{file}-loss.svg"), $"Fashion-MNIST {name}");
            history.SaveSvg(options.OutputFile($"fashion-{file}-accuracy.svg"), $"Fashion-MNIST {name}", metric: true);
        }
        output.WriteLine();
        output.WriteLine($"{"network",-14} {"test accuracy",14} {"weights",10} {"s/epoch",8} {"epochs",7}");
        foreach (var r in results)
            output.WriteLine($"{r.Network,-14} {r.TestAccuracy,14:F4} {r.Parameters,10:N0} {r.SecondsPerEpoch,8:F2} {r.Epochs,7}{(r.StopReason is null ? "" : "  (stopped early)")}");
        return results;
    }
}
