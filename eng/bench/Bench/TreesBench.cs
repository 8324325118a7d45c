using System.Diagnostics;
using System.Text.Json;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Bench;

/// <summary>
/// The project's side of ../shared/peers/trees.py: Friedman #1 from the peer's CSV, the first 80% of
/// rows to train, the rest to test; FastTree and FastForest with the peer's settings; one JSON line
/// each with the training seconds (data already in memory) and the test RMSE.
/// </summary>
internal static class TreesBench
{
    public sealed class Row
    {
        [LoadColumn(0)] public float Label { get; set; }
        [LoadColumn(1, 20)] public float[] Features { get; set; } = [];
    }

    public static void Run(string csv, int threads)
    {
        var ml = new MLContext(seed: 0);
        var all = ml.Data.Cache(ml.Data.LoadFromTextFile<Row>(csv, ',', hasHeader: true));
        long rows = ml.Data.CreateEnumerable<Row>(all, true).LongCount();
        long cut = rows * 8 / 10;
        var train = ml.Data.Cache(ml.Data.TakeRows(all, cut));
        var test = ml.Data.Cache(ml.Data.SkipRows(all, cut));
        _ = train.Preview(1);
        _ = ml.Data.CreateEnumerable<Row>(train, true).Count();
        Report("mlnet-fasttree", rows, cut, ml, train, test,
            ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { NumberOfLeaves = 20, NumberOfTrees = 100, LearningRate = 0.2, MinimumExampleCountPerLeaf = 10, NumberOfThreads = threads }));
        Report("mlnet-fastforest", rows, cut, ml, train, test,
            ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options { NumberOfLeaves = 20, NumberOfTrees = 100, NumberOfThreads = threads }));
    }

    private static void Report(string name, long rows, long cut, MLContext ml, IDataView train, IDataView test, IEstimator<ITransformer> trainer)
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        double rmse = ml.Regression.Evaluate(model.Transform(test)).RootMeanSquaredError;
        Console.WriteLine(JsonSerializer.Serialize(new { peer = name, rows, train_rows = cut, fit_seconds = Math.Round(seconds, 3), rmse = Math.Round(rmse, 5) }));
    }
}
