using System.Globalization;
using System.Text.Json;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Samples;

namespace MLNet.DeepTrainers.Bench;

/// <summary>
/// The project's side of ../shared/peers/fashion_mnist.py: the same three networks, batch, optimizer
/// and threads, one JSON line per epoch with the seconds of training (data already in memory) and the
/// test accuracy after it, so the harness can put the two side by side. Started by eng/launch.sh
/// (the `distributed` workload), it trains as one rank of several and rank 0 alone prints.
/// </summary>
internal static class FashionMnistBench
{
    public static void Run(string model, int epochs, int batch, int threads, string data)
    {
        var ml = new MLContext(seed: 0) { DistributedTraining = DistributedTraining.FromEnvironment() };
        var train = ml.Data.LoadFromEnumerable(FashionMnist.Load(data, train: true));
        var test = ml.Data.LoadFromEnumerable(FashionMnist.Load(data, train: false));
        DeepTrainerOptions options = model switch
        {
            "dense" => new DenseOptions(),
            "mlp" => new MlpOptions { HiddenLayers = [512, 512], DropoutRate = 0.2f },
            "cnn" => new CnnOptions(),
            _ => throw new ArgumentException($"unknown model '{model}': use dense, mlp or cnn"),
        };
        options.FeatureColumnName = "Pixels";
        options.Epochs = epochs;
        options.BatchSize = batch;
        options.NumberOfThreads = threads;
        options.Optimizer = new Adam(0.001);
        if (model != "cnn")
            options.FeatureColumnName = "Flat";
        var flatten = ml.Transforms.Concatenate("Flat", "Pixels");
        var trainer = model switch
        {
            "dense" => ml.MulticlassClassification.Trainers.Dense((DenseOptions)options),
            "mlp" => ml.MulticlassClassification.Trainers.Mlp((MlpOptions)options),
            _ => ml.MulticlassClassification.Trainers.Cnn((CnnOptions)options),
        };
        var cached = ml.Data.Cache(flatten.Fit(train).Transform(train));
        var scoredTest = ml.Data.Cache(flatten.Fit(test).Transform(test));
        var fitted = trainer.Fit(cached);
        var history = fitted.Model.History.Epochs;
        if (ml.DistributedTraining is { Rank: not 0 })
            return;
        double accuracy = ml.MulticlassClassification.Evaluate(fitted.Transform(scoredTest)).MicroAccuracy;
        foreach (var epoch in history)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["peer"] = "mlnet-deeptrainers",
                ["processes"] = ml.DistributedTraining?.WorldSize ?? 1,
                ["model"] = model,
                ["params"] = fitted.Model.ParameterCount,
                ["epoch"] = epoch.Epoch,
                ["seconds"] = Math.Round(epoch.Seconds, 3),
                ["loss"] = Math.Round(epoch.TrainLoss, 5),
                ["test_accuracy"] = epoch.Epoch == history.Count ? Math.Round(accuracy, 5) : double.NaN,
            }, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        }
    }
}
