using System.Globalization;
using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Trainers.FastTree;

// One process of the distributed-training tests (DistributedTrainingTests): started several times
// with torchrun's variables set (by eng/launch.sh or by the tests), or alone as the reference run.
// It trains a small network on fixed synthetic rows and writes what it ended with.
//
//   worker OUTPUT ROWS BATCH EPOCHS TIMEOUT_SECONDS [plain | wide | sharded | sharded-on-rank-1 | epochs-by-rank | batchnorm | cancel-on-rank-1 | fasttree | fasttree-sharded | fastforest]
//
// OUTPUT/weights.rankR.txt: every weight tensor, one line each ("name value value ..."), then the
// epochs' losses; OUTPUT/model.rankR.zip: the pipeline, saved through ml.Model.Save (rank 0 only).
// wide: two hidden layers of 600, 1.5 MiB of weights, so the gradients travel in two buckets.
// epochs-by-rank: rank R trains EPOCHS + R epochs, a mismatch every rank must refuse at the start;
// sharded-on-rank-1: rank 1 alone says its data is sharded, another such mismatch.
// batchnorm: batch normalization and dropout, a validation split and early stopping, cross-validated
// (2 folds, one at a time over the same process group) before the final fit.
// cancel-on-rank-1: rank 1 cancels its fit after 6 seconds; OUTPUT/stop.rankR.txt says why each stopped.
// fasttree, fastforest: EPOCHS trees of 8 leaves instead of a network; the weights file holds one
// line, "scores", the prediction of every row (of all ranks).
// sharded, fasttree-sharded: each rank loads only its own rows (DistributedTraining.ShardedData):
// blocks of BATCH rows dealt to the ranks in turn (block b to rank b mod WORLD_SIZE; alone, all of
// them), and a network reads them in order (no shuffling), so a step of every rank's next block is
// the next batch of one process with all ranks' batch.
if (args.Length is < 5 or > 6)
{
    Console.Error.WriteLine("usage: worker OUTPUT ROWS BATCH EPOCHS TIMEOUT_SECONDS [plain | wide | sharded | sharded-on-rank-1 | epochs-by-rank | batchnorm | cancel-on-rank-1 | fasttree | fasttree-sharded | fastforest]");
    return 2;
}
string output = args[0];
int rows = int.Parse(args[1], CultureInfo.InvariantCulture), batch = int.Parse(args[2], CultureInfo.InvariantCulture), epochs = int.Parse(args[3], CultureInfo.InvariantCulture);
var timeout = TimeSpan.FromSeconds(double.Parse(args[4], CultureInfo.InvariantCulture));
string mode = args.Length == 6 ? args[5] : "plain";
if (mode is not ("plain" or "wide" or "sharded" or "sharded-on-rank-1" or "epochs-by-rank" or "batchnorm" or "cancel-on-rank-1" or "fasttree" or "fasttree-sharded" or "fastforest"))
{
    Console.Error.WriteLine($"unknown mode '{mode}': use plain, wide, sharded, sharded-on-rank-1, epochs-by-rank, batchnorm, cancel-on-rank-1, fasttree, fasttree-sharded or fastforest");
    return 2;
}

var settings = DistributedTraining.FromEnvironment(timeout, mode.EndsWith("sharded", StringComparison.Ordinal));
if (mode == "sharded-on-rank-1" && settings?.Rank == 1)
    settings = DistributedTraining.FromEnvironment(timeout, shardedData: true);
bool sharded = settings?.ShardedData == true;
var ml = new MLContext(seed: 1) { DistributedTraining = settings };
int rank = ml.DistributedTraining?.Rank ?? 0, ranks = ml.DistributedTraining?.WorldSize ?? 1;
var random = new Random(7);
var allRows = Enumerable.Range(0, rows).Select(_ =>
{
    var x = Enumerable.Range(0, 6).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    return new Row { Features = x, Label = x[0] * 2 - x[1] * x[2] + 0.5f * x[3] + (float)(random.NextDouble() * 0.1) };
}).ToList();
var all = ml.Data.LoadFromEnumerable(allRows);
var data = sharded ? ml.Data.LoadFromEnumerable(allRows.Where((_, i) => i / batch % ranks == rank).ToList()) : all;
Directory.CreateDirectory(output);
if (mode is "fasttree" or "fasttree-sharded" or "fastforest")
{
    IEstimator<ITransformer> trees = mode != "fastforest"
        ? ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { NumberOfTrees = epochs, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 5, NumberOfThreads = 1, Seed = 3 })
        : ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options { NumberOfTrees = epochs, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 5, NumberOfThreads = 1, Seed = 3 });
    var fitted = trees.Fit(data);
    var scores = fitted.Transform(all).GetColumn<float>("Score");
    File.WriteAllLines(Path.Combine(output, $"weights.rank{rank}.txt"), ["scores " + string.Join(' ', scores.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))]);
    ml.Model.Save(fitted, data.Schema, Path.Combine(output, $"model.rank{rank}.zip"));
    return 0;
}
var options = new SequentialOptions
{
    Layers = [new Dense(16, ActivationKind.ReLU), new Dense(8, ActivationKind.Tanh), new Dense(1)],
    Optimizer = new Adam(0.01),
    Epochs = epochs + (mode == "epochs-by-rank" ? rank : 0),
    BatchSize = batch,
    Shuffle = !mode.EndsWith("sharded", StringComparison.Ordinal),
    Seed = 3,
    NumberOfThreads = 1,
    Progress = new Progress<EpochReport>(report => Console.WriteLine(report)),
};
if (mode == "wide")
    options.Layers = [new Dense(600, ActivationKind.ReLU), new Dense(600, ActivationKind.ReLU), new Dense(1)];
if (mode == "batchnorm")
{
    options.Layers = [new Dense(16, ActivationKind.ReLU), new BatchNormalization(), new Dropout(0.2f), new Dense(1)];
    options.ValidationFraction = 0.25;
    options.EarlyStopping = new EarlyStopping("val_loss", patience: 1);
}
if (mode == "cancel-on-rank-1" && rank == 1)
    options.CancellationToken = new CancellationTokenSource(TimeSpan.FromSeconds(6)).Token; // well after the first epoch, even on a busy machine
var trainer = ml.Regression.Trainers.Sequential(options);
RegressionPredictionTransformer<SequentialModel> model;
try
{
    if (mode == "batchnorm")
        Console.WriteLine($"cross-validated R²: {string.Join(", ", ml.Regression.CrossValidate(data, trainer, numberOfFolds: 2).Select(f => f.Metrics.RSquared.ToString("F4", CultureInfo.InvariantCulture)))}");
    model = trainer.Fit(data);
}
catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
{
    // The tests read this line: what a user of a failed distributed run would see.
    Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
    return 1;
}

var network = model.Model;
var lines = network.Weights.OrderBy(w => w.Key, StringComparer.Ordinal)
    .Select(w => w.Key + " " + string.Join(' ', w.Value.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))
    .Append("losses " + string.Join(' ', network.History.Epochs.Select(e => e.TrainLoss.ToString("R", CultureInfo.InvariantCulture))));
File.WriteAllLines(Path.Combine(output, $"weights.rank{rank}.txt"), lines);
File.WriteAllText(Path.Combine(output, $"stop.rank{rank}.txt"), network.History.StopReason ?? "finished");
ml.Model.Save(model, data.Schema, Path.Combine(output, $"model.rank{rank}.zip"));
return 0;

internal sealed class Row
{
    [VectorType(6)] public float[] Features { get; set; } = [];
    public float Label { get; set; }
}
