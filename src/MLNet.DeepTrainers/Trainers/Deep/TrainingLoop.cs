using System.Diagnostics;
using MLNet.DeepTrainers.Torch;

namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// Keras's fit loop in managed code: epochs, shuffling, batching, validation and history. Each batch
/// is one native call over pinned buffers; the native side owns the module and the optimizer state.
/// </summary>
internal sealed class TrainingLoop(MLContext context, DeepTrainerOptions options, string user)
{
    public SequentialModel Run(TrainingData data, NetworkArchitecture architecture, string lossSpec, int targetWidth)
    {
        int seed = options.Seed ?? context.NextSeed();
        TorchRuntime.UseThreads(options.NumberOfThreads);
        using var network = new TorchNetwork(architecture.Spec(), (ulong)(uint)seed, Devices.Resolve(context, user));
        network.SetOptimizer(options.Optimizer.Spec);
        network.SetLoss(lossSpec);

        // Keras's validation_split: the last rows, taken before any shuffling.
        int trainRows = options.ValidationFraction > 0 ? (int)(data.Rows * (1 - options.ValidationFraction)) : data.Rows;
        if (trainRows == 0 || trainRows == data.Rows && options.ValidationFraction > 0)
            throw new InvalidOperationException($"{user}: a validation fraction of {options.ValidationFraction} of {data.Rows} rows leaves {(trainRows == 0 ? "no training rows" : "no validation rows")}.");
        var order = Enumerable.Range(0, trainRows).ToArray();
        var random = new Random(seed);
        var batch = new Batch(data, Math.Min(options.BatchSize, trainRows), targetWidth);
        var history = new TrainingHistory();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            if (options.Shuffle)
                random.Shuffle(order);
            double lossSum = 0;
            for (int start = 0, index = 1; start < trainRows; start += options.BatchSize, index++)
            {
                int rows = batch.Gather(order.AsSpan(start, Math.Min(options.BatchSize, trainRows - start)));
                float loss = network.TrainBatch(batch.Features(rows), batch.Targets(rows), batch.Weights(rows), rows, targetWidth);
                if (!float.IsFinite(loss))
                    throw new InvalidOperationException($"{user}: the loss became {loss} in epoch {epoch}, batch {index}. Try a lower learning rate (now {options.Optimizer.LearningRate}), or check the features are normalised.");
                lossSum += loss * rows;
            }
            double? validationLoss = trainRows < data.Rows ? Evaluate(network, batch, trainRows, data.Rows, targetWidth) : null;
            var report = new EpochReport(epoch, lossSum / trainRows, validationLoss, options.Optimizer.LearningRate, clock.Elapsed.TotalSeconds);
            history.Add(report);
            options.Progress?.Report(report);
            context.WriteLog(ChannelMessageKind.Trace, user, report.ToString());
        }
        return new SequentialModel(architecture, network.GetParameters(), history);
    }

    private double Evaluate(TorchNetwork network, Batch batch, int from, int to, int targetWidth)
    {
        double sum = 0;
        var rowsToScore = Enumerable.Range(from, to - from).ToArray();
        for (int start = 0; start < rowsToScore.Length; start += batch.Capacity)
        {
            int rows = batch.Gather(rowsToScore.AsSpan(start, Math.Min(batch.Capacity, rowsToScore.Length - start)));
            sum += network.Evaluate(batch.Features(rows), batch.Targets(rows), batch.Weights(rows), rows, targetWidth) * rows;
        }
        return sum / rowsToScore.Length;
    }

    /// <summary>Reusable buffers that hold the rows of one batch contiguously.</summary>
    private sealed class Batch(TrainingData data, int capacity, int targetWidth)
    {
        private readonly float[] _x = new float[capacity * data.Width];
        private readonly float[] _y = new float[capacity * targetWidth];
        private readonly float[]? _w = data.Weights is null ? null : new float[capacity];

        public int Capacity => capacity;

        public int Gather(ReadOnlySpan<int> rows)
        {
            int width = data.Width;
            for (int i = 0; i < rows.Length; i++)
            {
                int r = rows[i];
                data.Features.AsSpan(r * width, width).CopyTo(_x.AsSpan(i * width));
                data.Labels.AsSpan(r * targetWidth, targetWidth).CopyTo(_y.AsSpan(i * targetWidth));
                if (_w is not null)
                    _w[i] = data.Weights![r];
            }
            return rows.Length;
        }

        public ReadOnlySpan<float> Features(int rows) => _x.AsSpan(0, rows * data.Width);
        public ReadOnlySpan<float> Targets(int rows) => _y.AsSpan(0, rows * targetWidth);
        public ReadOnlySpan<float> Weights(int rows) => _w is null ? default : _w.AsSpan(0, rows);
    }
}
