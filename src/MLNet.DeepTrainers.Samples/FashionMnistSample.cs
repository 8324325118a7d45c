using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// The seeds' Fashion-MNIST progression: Dense (softmax regression), MLP, MLP with dropout, CNN, each
/// with a validation split and early stopping, ending in a table of test accuracy, weights and seconds per epoch.
/// </summary>
public static class FashionMnistSample
{
    /// <summary>One row of the table.</summary>
    public sealed record Result(string Network, double TestAccuracy, long Parameters, double SecondsPerEpoch, int Epochs, string? StopReason);

    /// <summary>The flat networks read the 28×28 pixels as one 784-wide vector, "Flat"; the CNN reads the image, "Pixels".</summary>
    public static IEstimator<ITransformer> Flatten(MLContext ml) => ml.Transforms.Concatenate("Flat", "Pixels");

    /// <summary>The networks of the progression, with their epochs (1 each when <paramref name="quick"/>).</summary>
    public static IReadOnlyList<(string Name, DeepTrainerOptions Options)> Networks(bool quick)
    {
        int Epochs(int full) => quick ? 1 : full;
        return
        [
            ("Dense", new DenseOptions { FeatureColumnName = "Flat", Epochs = Epochs(5) }),
            ("MLP 512-512", new MlpOptions { FeatureColumnName = "Flat", HiddenLayers = [512, 512], Epochs = Epochs(8) }),
            ("MLP + dropout", new MlpOptions { FeatureColumnName = "Flat", HiddenLayers = [512, 512], DropoutRate = 0.2f, Epochs = Epochs(8) }),
            ("CNN", new CnnOptions { FeatureColumnName = "Pixels", Epochs = Epochs(6) }),
        ];
    }

    /// <summary>The multiclass trainer of a network of <see cref="Networks"/>.</summary>
    public static DeepTrainer<MulticlassPredictionTransformer<SequentialModel>> Trainer(MLContext ml, DeepTrainerOptions network) => network switch
    {
        DenseOptions dense => ml.MulticlassClassification.Trainers.Dense(dense),
        MlpOptions mlp => ml.MulticlassClassification.Trainers.Mlp(mlp),
        _ => ml.MulticlassClassification.Trainers.Cnn((CnnOptions)network),
    };

    public static IReadOnlyList<Result> Run(SampleOptions options)
    {
        var output = options.Output;
        string folder = options.Data ?? FashionMnist.DefaultFolder;
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(FashionMnist.Load(folder, train: true, limit: options.Quick ? 1000 : int.MaxValue));
        var test = ml.Data.LoadFromEnumerable(FashionMnist.Load(folder, train: false, limit: options.Quick ? 500 : int.MaxValue));
        var flatten = Flatten(ml);
        train = ml.Data.Cache(flatten.Fit(train).Transform(train));
        test = ml.Data.Cache(flatten.Fit(test).Transform(test));

        var results = new List<Result>();
        foreach (var (name, network) in Networks(options.Quick))
        {
            network.BatchSize = 128;
            network.ValidationFraction = 0.1;
            network.EarlyStopping = new EarlyStopping("val_accuracy", patience: 2, restoreBestWeights: true);
            network.Progress = new ConsoleProgress(network.Epochs, name, options.Output == Console.Out ? null : output);
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
