using System.Diagnostics;
using System.Text.Json;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Samples;

namespace MLNet.DeepTrainers.Bench;

/// <summary>
/// Bulk scoring: rows per second of <c>model.Transform(data)</c> read to the end, against the
/// prediction engine's one row at a time, for the Boston MLP 64-64 (the 506 houses repeated to 50,600
/// rows) and the Fashion-MNIST MLP 512-512 (the 10,000 test images). The weights come from a short
/// training run: scoring speed does not depend on them. One JSON line per workload, medians of at
/// least 5 rounds after 3 seconds of uncounted ones (so .NET's tiered JIT has optimised the per-row
/// code, as it has in any long-running service).
/// </summary>
internal static class ScoringBench
{
    // .NET compiles the per-row code fully only after it has run a while (tiered compilation waits for
    // a pause in new compilations): the Boston chain scored 50,600 rows in ~80 ms for its first four
    // passes and in ~15 ms from then on. Rounds in the first seconds are not counted.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static void Run(string bostonCsv, string fashionFolder, int threads)
    {
        var ml = new MLContext(seed: 0);
        var houses = ml.Data.CreateEnumerable<House>(ml.Data.LoadFromTextFile<House>(bostonCsv, ',', hasHeader: true), reuseRowObject: false).ToList();
        var manyHouses = ml.Data.Cache(ml.Data.LoadFromEnumerable(Enumerable.Repeat(houses, 100).SelectMany(h => h).ToList()));
        var boston = ml.Transforms.Concatenate("Features", House.FeatureNames).Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", HiddenLayers = [64, 64], Epochs = 2, NumberOfThreads = threads }));
        var bostonModel = boston.Fit(manyHouses);
        Report("boston-mlp-64-64", ml, bostonModel, manyHouses, "Score", () => Engine<House, HousePrediction>(ml, bostonModel, houses, 5_060));

        var images = FashionMnist.Load(fashionFolder, train: false);
        var test = ml.Data.Cache(ml.Data.LoadFromEnumerable(images));
        var fashion = FashionMnistSample.Flatten(ml).Append(FashionMnistSample.Trainer(ml, new MlpOptions
        {
            FeatureColumnName = "Flat", HiddenLayers = [512, 512], DropoutRate = 0.2f, Epochs = 1, NumberOfThreads = threads,
        }));
        var fashionModel = fashion.Fit(ml.Data.TakeRows(test, 2_000));
        Report("fashion-mlp-512-512", ml, fashionModel, test, "PredictedLabel", () => Engine<FashionImage, LabelPrediction>(ml, fashionModel, images, 2_000));
    }

    public sealed class LabelPrediction
    {
        public uint PredictedLabel { get; set; }
    }

    private static void Report(string workload, MLContext ml, ITransformer model, IDataView data, string column, Func<double> engineRowsPerSecond)
    {
        long rows = data.GetRowCount() ?? throw new InvalidOperationException("the data must know its row count");
        var bulk = new List<double>();
        var engine = new List<double>();
        var warming = Stopwatch.StartNew();
        while (bulk.Count < 5)
        {
            var clock = Stopwatch.StartNew();
            var scored = model.Transform(data);
            using (var cursor = scored.GetRowCursor([scored.Schema[column]]))
            {
                var read = cursor.Schema[column].Type is KeyDataViewType ? (Action)MakeReader<uint>(cursor, column) : MakeReader<float>(cursor, column);
                while (cursor.MoveNext())
                    read();
            }
            double seconds = clock.Elapsed.TotalSeconds, engineRate = engineRowsPerSecond();
            if (warming.Elapsed < WarmUp)
                continue;
            bulk.Add(rows / seconds);
            engine.Add(engineRate);
        }
        double b = Median(bulk), e = Median(engine);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = "mlnet-deeptrainers",
            ["workload"] = workload,
            ["rows"] = rows,
            ["bulk_rows_per_second"] = Math.Round(b),
            ["engine_rows_per_second"] = Math.Round(e),
            ["bulk_over_engine"] = Math.Round(b / e, 2),
        }));
    }

    private static Action MakeReader<T>(DataViewRowCursor cursor, string column)
    {
        var getter = cursor.GetGetter<T>(cursor.Schema[column]);
        T value = default!;
        return () => getter(ref value);
    }

    private static double Engine<TSrc, TDst>(MLContext ml, ITransformer model, IReadOnlyList<TSrc> rows, int count) where TSrc : class where TDst : class, new()
    {
        using var engine = ml.Model.CreatePredictionEngine<TSrc, TDst>(model);
        var prediction = new TDst();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
            engine.Predict(rows[i % rows.Count], ref prediction);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
