using System.Diagnostics;
using System.Text.Json;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Samples;
using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Bench;

/// <summary>
/// The project's side of ../shared/peers/boston_cv.py: z-score and Dense 64-64-1 with RMSprop, and
/// FastTree with the peer's XGBoost settings, 4-fold cross-validation; one JSON line each with the
/// mean MAE and the seconds of the whole cross-validation.
/// </summary>
internal static class BostonBench
{
    public static void Run(string csv, int epochs, int batch)
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.Cache(ml.Data.LoadFromTextFile<House>(csv, ',', hasHeader: true));
        _ = data.Preview(1);
        var features = ml.Transforms.Concatenate("Features", House.FeatureNames);
        var mlp = features.Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", HiddenLayers = [64, 64], Optimizer = new RmsProp(), Epochs = epochs, BatchSize = batch, NumberOfThreads = 2 }));
        var trees = features.Append(ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { LabelColumnName = "MEDV", NumberOfThreads = 2 }));
        Report("mlnet-mlp-64-64", ml, data, mlp);
        Report("mlnet-fasttree", ml, data, trees);
    }

    private static void Report(string name, MLContext ml, IDataView data, IEstimator<ITransformer> pipeline)
    {
        var clock = Stopwatch.StartNew();
        var folds = ml.Regression.CrossValidate(data, pipeline, numberOfFolds: 4, labelColumnName: "MEDV", seed: 0);
        double seconds = clock.Elapsed.TotalSeconds;
        var maes = folds.Select(f => Math.Round(f.Metrics.MeanAbsoluteError, 4)).ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["peer"] = name, ["mae_per_fold"] = maes, ["mae_mean"] = Math.Round(maes.Average(), 4), ["seconds"] = Math.Round(seconds, 3) }));
    }
}
