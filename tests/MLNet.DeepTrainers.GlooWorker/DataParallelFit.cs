using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.DeepTrainers;

namespace MLNet.DeepTrainers.GlooWorker;

/// <summary>
/// The fit mode of the worker and the single-process fit the tests compare it with: a small regression
/// network on generated rows. Rank r of n trains with batch <see cref="Batch"/> on the r-th part of every
/// block of n × <see cref="Batch"/> rows, so that each of its steps sees its part of the rows the single
/// process's step of batch n × <see cref="Batch"/> sees. Each rank starts from its own seed, and its
/// Normalization and output bias would differ from the others' on its own rows: rank 0's must win.
/// </summary>
public static class DataParallelFit
{
    public const int Batch = 4;
    public const int StepsPerEpoch = 3;
    public const int Width = 5;

    public sealed class Row
    {
        [VectorType(Width)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    /// <summary>The rows of a world of <paramref name="ranks"/>, the later ones with a larger label, so that the ranks' parts differ in mean.</summary>
    public static List<Row> Rows(int ranks, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, ranks * Batch * StepsPerEpoch).Select(i =>
        {
            var x = Enumerable.Range(0, Width).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray();
            return new Row { Features = x, Label = x[0] - 2 * x[1] * x[2] + i % (ranks * Batch) / Batch };
        }).ToList();
    }

    /// <summary>Rank <paramref name="rank"/>'s part of each block of <paramref name="ranks"/> × <see cref="Batch"/> rows.</summary>
    public static List<Row> Shard(List<Row> rows, int ranks, int rank) =>
        rows.Where((_, i) => i % (ranks * Batch) / Batch == rank).ToList();

    /// <summary>A hidden layer whose network is small enough to train on joined parameters, one gradient tensor.</summary>
    public const int SmallHidden = 8;

    /// <summary>A hidden layer whose network is large enough to train on separate parameters, one gradient tensor each.</summary>
    public const int LargeHidden = 40_000;

    /// <summary>The options every fit shares; shuffling off and plain Sgd, so that the steps are the single process's.</summary>
    public static SequentialOptions Options(int batch, int seed, int hidden = SmallHidden) => new()
    {
        Layers = [new Dense(hidden, ActivationKind.Tanh), new Dense(1)],
        NormalizeInputs = InputNormalization.Yes,
        Epochs = 2,
        BatchSize = batch,
        Shuffle = false,
        Optimizer = new Sgd(0.05),
        Seed = seed,
        Device = DeviceKind.Cpu,
    };

    /// <summary>
    /// Fits as rank RANK of WORLD_SIZE, <paramref name="hidden"/> units in its hidden layer, and writes, into
    /// <paramref name="directory"/>, its starting weights (start-R.safetensors), final weights
    /// (final-R.safetensors), history (history-R.txt: each epoch's loss, metric, validation loss and
    /// validation metric), why training stopped early (stop-R.txt, empty when it did not), and what its
    /// checkpoint and progress callbacks were given (checkpoint-R-E.safetensors, progress-R.txt). With
    /// <paramref name="lastRankCancels"/> the last rank cancels its fit once its first epoch ended.
    /// </summary>
    public static void Run(string directory, int ranks, int rank, int hidden, bool lastRankCancels)
    {
        var ml = new MLContext(seed: rank);
        var options = Options(Batch, seed: 100 + rank, hidden);
        options.Distributed = true;
        using var cancellation = new CancellationTokenSource();
        options.CancellationToken = cancellation.Token;
        options.Callbacks =
        [
            new SaveStart(Path.Combine(directory, $"start-{rank}.safetensors")),
            new ModelCheckpoint(Path.Combine(directory, $"checkpoint-{rank}-{{epoch}}.safetensors")),
            new ProgressCallback(new AppendEpoch(Path.Combine(directory, $"progress-{rank}.txt"))),
            .. lastRankCancels && rank == ranks - 1 ? [new CancelAfterFirstEpoch(cancellation)] : Array.Empty<TrainingCallback>(),
        ];
        var train = ml.Data.LoadFromEnumerable(Shard(Rows(ranks, seed: 1), ranks, rank));
        var validation = ml.Data.LoadFromEnumerable(Shard(Rows(ranks, seed: 2), ranks, rank));
        var model = ml.Regression.Trainers.Sequential(options).Fit(train, validation);
        model.Model.SaveWeights(Path.Combine(directory, $"final-{rank}.safetensors"));
        File.WriteAllLines(Path.Combine(directory, $"history-{rank}.txt"), model.Model.History.Epochs.Select(e =>
            string.Create(CultureInfo.InvariantCulture, $"{e.Loss:R} {e.Metric:R} {e.ValidationLoss:R} {e.ValidationMetric:R}")));
        File.WriteAllText(Path.Combine(directory, $"stop-{rank}.txt"), model.Model.History.StopReason ?? "");
    }

    /// <summary>Appends each reported epoch's number to a file, on the training thread (Progress&lt;T&gt; would post it elsewhere).</summary>
    private sealed class AppendEpoch(string path) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => File.AppendAllText(path, $"{value.Epoch}\n");
    }

    private sealed class CancelAfterFirstEpoch(CancellationTokenSource cancellation) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingState state, EpochReport report)
        {
            if (report.Epoch == 1)
                cancellation.Cancel();
        }
    }

    /// <summary>Saves the weights training starts from, which every rank must have from rank 0.</summary>
    private sealed class SaveStart(string path) : TrainingCallback
    {
        public override void OnTrainBegin(TrainingState state) => state.SaveWeights(path);
    }
}
