using System.Diagnostics;
using System.Text.Json;
using MLNet.DeepTrainers.Samples;
using TorchSharp;

// One workload per run, one JSON line per measurement (eng/bench/run.py runs this beside the peers and prints the ratios):
//   fashion --model dense|mlp|cnn --epochs N --impl library|torchsharp|both --rounds R
//   boston --epochs N --rounds R            (ML.NET's 4-fold CrossValidate of the seeds' MLP, R times in one process)
//   scoring --rows N                        (bulk Transform of the Boston MLP in memory, and of the same model saved and loaded)
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
int epochs = int.Parse(Arg("--epochs", "2"));
void Emit(object record) => Console.WriteLine(JsonSerializer.Serialize(record));

// With MLNET_DEEPTRAINERS_PROFILE=1 the library logs where a step's time goes; each such line becomes a record.
MLContext Context(int seed)
{
    var ml = new MLContext(seed);
    ml.Log += (_, e) =>
    {
        if (e.RawMessage.StartsWith("step profile", StringComparison.Ordinal))
            Emit(new { profile = e.RawMessage });
    };
    return ml;
}

switch (args.FirstOrDefault())
{
    case "fashion":
        Fashion(Arg("--model", "mlp"), epochs, Arg("--impl", "both"), int.Parse(Arg("--rounds", "1")));
        break;
    case "boston":
        Boston(epochs, int.Parse(Arg("--rounds", "1")));
        break;
    case "scoring":
        Scoring(int.Parse(Arg("--rows", "1000000")));
        break;
    default:
        Console.Error.WriteLine("usage: Bench fashion|boston|scoring [--model M] [--epochs N] [--impl library|torchsharp|both] [--rounds R] [--rows N]");
        return 2;
}
return 0;

// "both" alternates the library and the plain loop in one process, round after round: this machine drifts
// by 20% over minutes, and sides run far apart in time would measure the drift.
void Fashion(string model, int epochs, string impl, int rounds)
{
    var ml = Context(0);
    var images = FashionMnist.Load(FashionMnist.DefaultFolder, train: true);
    var data = ml.Data.LoadFromEnumerable(images);
    for (int round = 0; round < rounds; round++)
    {
        if (impl is "library" or "both")
        {
            // The same layers as the plain loop and the PyTorch peer, which train on the [0, 1] pixels as they are.
            var network = new SequentialOptions { FeatureColumnName = "Pixels", Epochs = epochs, BatchSize = 128, Layers = PlainTorchSharp.Layers(model), NormalizeInputs = InputNormalization.No };
            var trained = ml.MulticlassClassification.Trainers.Sequential(network).Fit(data);
            foreach (var epoch in trained.Model.History.Epochs)
                Emit(new { impl = "library", model, round, seconds = epoch.Seconds, loss = epoch.Loss });
        }
        if (impl is "torchsharp" or "both")
            PlainTorchSharp.Fashion(model, epochs, images, seconds => Emit(new { impl = "torchsharp", model, round, seconds }));
    }
}

// libtorch is loaded before the clock starts, as the peer imports torch before its own. The first round
// also pays .NET's compilation of ML.NET's and the library's code; later rounds show the steady state.
void Boston(int epochs, int rounds)
{
    var ml = Context(1);
    var data = ml.Data.LoadFromTextFile<House>(Path.Combine(AppContext.BaseDirectory, "data", "boston_house_prices.csv"), separatorChar: ',', hasHeader: true);
    TorchRuntime.EnsureLoaded();
    for (int round = 0; round < rounds; round++)
    {
        var clock = Stopwatch.StartNew();
        var folds = ml.Regression.CrossValidate(data, BostonSample.ZScoreMlp(ml, epochs), numberOfFolds: 4, labelColumnName: "MEDV", seed: 7);
        Emit(new { impl = "library", workload = "boston", round, seconds = clock.Elapsed.TotalSeconds, mae_mean = folds.Average(f => f.Metrics.MeanAbsoluteError) });
    }
}

void Scoring(int rows)
{
    var ml = new MLContext(seed: 1);
    var data = ml.Data.LoadFromTextFile<House>(Path.Combine(AppContext.BaseDirectory, "data", "boston_house_prices.csv"), separatorChar: ',', hasHeader: true);
    var model = BostonSample.ZScoreMlp(ml, 5).Fit(data);
    var houses = ml.Data.CreateEnumerable<House>(data, reuseRowObject: false).ToArray();
    var many = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => houses[i % houses.Length]));
    Measure("in memory", model);
    // Loaded only now: onnxruntime's session keeps threads of its own, which would compete with the first measurement on a small machine.
    string path = Path.Combine(Path.GetTempPath(), $"bench-house-{Environment.ProcessId}.zip");
    ml.Model.Save(model, data.Schema, path);
    var loaded = new MLContext().Model.Load(path, out _);
    File.Delete(path);
    Measure("loaded", loaded);

    void Measure(string impl, ITransformer transformer)
    {
        // The steady state: a first pass lets .NET's tiered JIT finish optimising ML.NET's and the library's per-row code (10,000 rows were not enough).
        Score(transformer, many);
        var clock = Stopwatch.StartNew();
        long count = Score(transformer, many);
        Emit(new { impl, workload = "scoring", rows = count, rows_per_second = count / clock.Elapsed.TotalSeconds });
    }
}

long Score(ITransformer transformer, IDataView rows)
{
    using var cursor = transformer.Transform(rows).GetRowCursor(transformer.GetOutputSchema(rows.Schema).Where(c => c.Name == "Score"));
    var score = cursor.GetGetter<float>(cursor.Schema["Score"]);
    float value = 0;
    long count = 0;
    while (cursor.MoveNext())
    {
        score(ref value);
        count++;
    }
    return count;
}
