using System.Diagnostics;
using System.Text.Json;
using MLNet.DeepTrainers.Samples;
using TorchSharp;

// One workload per run, one JSON line per measurement (eng/bench/run.py runs this beside the peers and prints the ratios):
//   fashion --model dense|mlp|cnn --epochs N --impl library|torchsharp|both --rounds R --first-round K
//   boston --epochs N --rounds R            (ML.NET's 4-fold CrossValidate of the seeds' MLP, R times in one process)
//   scoring --rows N                        (bulk Transform of the Boston MLP in memory, and of the same model saved and loaded)
//   lstm --epochs N --rounds R --first-round K --ids PATH
//                                           (the SMS messages through Embedding, LSTM, Dense: the library and the plain loop
//                                            alternated, rounds numbered from K, the plain loop first in odd ones; writes the
//                                            padded token ids to PATH for eng/bench/lstm_peer.py)
//   distributed --epochs N --threads T      (one rank of data-parallel training of the Fashion-MNIST MLP, started by
//                                            eng/launch.sh as eng/bench/ddp_peer.py is; rank 0 prints each epoch)
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
        Fashion(Arg("--model", "mlp"), epochs, Arg("--impl", "both"), int.Parse(Arg("--first-round", "0")), int.Parse(Arg("--rounds", "1")));
        break;
    case "boston":
        Boston(epochs, int.Parse(Arg("--rounds", "1")));
        break;
    case "scoring":
        Scoring(int.Parse(Arg("--rows", "1000000")));
        break;
    case "distributed":
        Distributed(epochs, int.Parse(Arg("--threads", "1")));
        break;
    case "lstm":
        Lstm(epochs, int.Parse(Arg("--first-round", "0")), int.Parse(Arg("--rounds", "1")), Arg("--ids", Path.Combine(Path.GetTempPath(), "sms_ids.csv")));
        break;
    default:
        Console.Error.WriteLine("usage: Bench fashion|boston|scoring|lstm|distributed [--model M] [--epochs N] [--impl library|torchsharp|both] [--rounds R] [--rows N] [--first-round K] [--ids PATH] [--threads T]");
        return 2;
}
return 0;

// "both" alternates the library and the plain loop in one process, round after round: this machine drifts
// by 20% over minutes, and sides run far apart in time would measure the drift.
void Fashion(string model, int epochs, string impl, int firstRound, int rounds)
{
    var ml = Context(0);
    var images = FashionMnist.Load(FashionMnist.DefaultFolder, train: true);
    var data = ml.Data.LoadFromEnumerable(images);
    for (int round = firstRound; round < firstRound + rounds; round++)
    {
        // Odd rounds run the plain loop first, as the lstm workload does: a side run second in a process ran faster.
        if (impl is ("torchsharp" or "both") && round % 2 == 1)
            Plain(round);
        if (impl is "library" or "both")
        {
            // The same layers as the plain loop and the PyTorch peer, which train on the [0, 1] pixels as they are.
            var network = new SequentialOptions { FeatureColumnName = "Pixels", Epochs = epochs, BatchSize = 128, Layers = PlainTorchSharp.Layers(model), NormalizeInputs = InputNormalization.No };
            var trained = ml.MulticlassClassification.Trainers.Sequential(network).Fit(data);
            foreach (var epoch in trained.Model.History.Epochs)
                Emit(new { impl = "library", model, round, seconds = epoch.Seconds, loss = epoch.Loss });
        }
        if (impl is ("torchsharp" or "both") && round % 2 == 0)
            Plain(round);
    }

    void Plain(int round) => PlainTorchSharp.Fashion(model, epochs, images, seconds => Emit(new { impl = "torchsharp", model, round, seconds }));
}

// One rank of the MLP trained data-parallel, as eng/bench/ddp_peer.py trains it under PyTorch's DDP: every rank
// holds only its interleaved share of the 60,000 images and takes its batches of 128 from it. Distributed is on
// under eng/launch.sh's one rank too, as the peer is DDP with one process there: each side's speed-up is then
// its own one-rank time over its two-rank time. Rank 0 reports each epoch and the test accuracy at the end.
void Distributed(int epochs, int threads)
{
    int world = int.Parse(Environment.GetEnvironmentVariable("WORLD_SIZE") ?? "1");
    int rank = int.Parse(Environment.GetEnvironmentVariable("RANK") ?? "0");
    var ml = Context(rank);
    var images = FashionMnist.Load(FashionMnist.DefaultFolder, train: true).Where((_, i) => i % world == rank).ToList();
    var network = new SequentialOptions
    {
        FeatureColumnName = "Pixels", Epochs = epochs, BatchSize = 128, Layers = PlainTorchSharp.Layers("mlp"),
        NormalizeInputs = InputNormalization.No, NumberOfThreads = threads, Distributed = true, Seed = 0,
    };
    var trained = ml.MulticlassClassification.Trainers.Sequential(network).Fit(ml.Data.LoadFromEnumerable(images));
    if (rank != 0)
        return;
    var test = ml.Data.LoadFromEnumerable(FashionMnist.Load(FashionMnist.DefaultFolder, train: false));
    double accuracy = ml.MulticlassClassification.Evaluate(trained.Transform(test)).MicroAccuracy;
    foreach (var epoch in trained.Model.History.Epochs)
        Emit(new { impl = "library", workload = "distributed", processes = world, epoch = epoch.Epoch, seconds = epoch.Seconds, test_accuracy = accuracy });
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

// The SMS messages as Keras's text examples prepare them: lower-cased words without punctuation, at most 10,000
// keys (Keras's num_words; ML.NET keeps the first words met, Keras the most frequent), 50 token indices per
// message, padded and truncated before (pad_sequences' defaults). The library pads the keys itself
// (MaxSequenceLength); the plain loop and the PyTorch peer read the same indices padded here, so all three
// train on the same ids. The library and the plain loop alternate, round after round, each first in every other round.
void Lstm(int epochs, int firstRound, int rounds, string idsPath)
{
    const int length = 50, batch = 32, threads = 2;
    var ml = Context(0);
    var raw = ml.Data.LoadFromTextFile<Sms>(Path.Combine(AppContext.BaseDirectory, "data", "text", "sms_spam.tsv"), separatorChar: '\t');
    var data = ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { ["ham"] = false, ["spam"] = true }, "Kind")
        .Append(ml.Transforms.Text.NormalizeText("Tokens", "Text", keepPunctuations: false))
        .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens"))
        .Append(ml.Transforms.Conversion.MapValueToKey("Tokens", maximumNumberOfKeys: 10_000))
        .Fit(raw).Transform(raw);
    int keys = (int)((KeyDataViewType)((VectorDataViewType)data.Schema["Tokens"].Type).ItemType).Count;
    var (labels, ids) = PaddedIds(data, length);
    File.WriteAllLines(idsPath, labels.Select((label, row) => string.Join(',', new ArraySegment<long>(ids, row * length, length).Prepend((long)label))));
    Emit(new { workload = "lstm", rows = labels.Length, vocabulary = keys + 1, length, ids = idsPath });
    for (int round = firstRound; round < firstRound + rounds; round++)
    {
        // Odd rounds run the plain loop first: both sides got faster from round to round in one process (up to
        // 2× over three rounds here), which would favour whichever side always ran second.
        if (round % 2 == 1)
            Plain(round);
        // Token indices are never standardised, so NormalizeInputs has nothing to decide.
        var network = new SequentialOptions
        {
            FeatureColumnName = "Tokens", MaxSequenceLength = length, Epochs = epochs, BatchSize = batch, NumberOfThreads = threads,
            Layers = [new Embedding(keys + 1, 32), new LSTM(32), new Dense(1)],
        };
        var trained = ml.BinaryClassification.Trainers.Sequential(network).Fit(data);
        foreach (var epoch in trained.Model.History.Epochs)
            Emit(new { impl = "library", workload = "lstm", round, seconds = epoch.Seconds, loss = epoch.Loss });
        if (round % 2 == 0)
            Plain(round);
    }

    void Plain(int round) => PlainTorchSharp.Lstm(keys + 1, labels, ids, length, epochs, batch, threads,
        (seconds, loss) => Emit(new { impl = "torchsharp", workload = "lstm", round, seconds, loss }));
}

// Keras's pad_sequences with its defaults: a row's last `length` keys, zeros before them; key k is index k.
static (float[] Labels, long[] Ids) PaddedIds(IDataView data, int length)
{
    var labels = new List<float>();
    var ids = new List<long>();
    using var cursor = data.GetRowCursor([data.Schema["Label"], data.Schema["Tokens"]]);
    var labelGetter = cursor.GetGetter<bool>(data.Schema["Label"]);
    var tokensGetter = cursor.GetGetter<VBuffer<uint>>(data.Schema["Tokens"]);
    bool spam = false;
    VBuffer<uint> tokens = default;
    while (cursor.MoveNext())
    {
        labelGetter(ref spam);
        tokensGetter(ref tokens);
        var values = tokens.DenseValues().ToArray();
        int kept = Math.Min(values.Length, length);
        ids.AddRange(Enumerable.Repeat(0L, length - kept));
        ids.AddRange(values.Skip(values.Length - kept).Select(key => (long)key));
        labels.Add(spam ? 1 : 0);
    }
    return ([.. labels], [.. ids]);
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

internal sealed class Sms
{
    [LoadColumn(0)] public string Kind = "";
    [LoadColumn(1)] public string Text = "";
}
