using System.Diagnostics;

namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Keras's fit loop in managed code: epochs, shuffling, batching, validation, metrics, early stopping,
/// learning-rate schedules, history, progress and cancellation. Each batch is one native call over
/// pinned buffers; the native side owns the module and the optimizer state.
/// </summary>
internal sealed class TrainingLoop(MLContext context, DeepTrainerOptions options, string metricName, TrainingLoop.Metric metricSum, string user)
{
    /// <summary>The sum over a batch of the per-row metric, from raw outputs and targets.</summary>
    public delegate double Metric(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width);

    /// <summary>Trains a network of <paramref name="architecture"/> on <paramref name="train"/>, starting from <paramref name="startingWeights"/> (exactly the architecture's tensors) or, when null, a seeded random initialisation.
    /// <paramref name="columnDigest"/>: the digest of the trainer's input columns, which every rank of a distributed run must share.</summary>
    public SequentialModel Run(TrainingData train, TrainingData? validation, NetworkArchitecture architecture, SpecLine lossSpec, IReadOnlyDictionary<string, NamedTensor>? startingWeights, long columnDigest)
    {
        if (options.EarlyStopping is EarlyStopping stopping)
            MonitorTracker.Check(stopping.Monitor, metricName, validation is not null, user);
        if (options.LearningRateSchedule is ReduceLearningRateOnPlateau plateau)
            MonitorTracker.Check(plateau.Monitor, metricName, validation is not null, user);
        int seed = options.Seed ?? context.NextSeed();
        TorchRuntime.UseThreads(options.NumberOfThreads);
        int device = Devices.Resolve(context, options.Device, user);
        using var parallel = DataParallel.Join(context, device, user);
        if (parallel is not null)
        {
            seed = parallel.AgreeOn(seed);
            parallel.CheckSame([.. Facts(architecture, lossSpec), .. parallel.DataFacts(train, validation, columnDigest)]);
            validation = validation is null ? null : parallel.Mine(validation);
        }
        // Each rank draws its own dropout masks; the weights all start as rank 0's (broadcast below).
        using var network = new TorchNetwork(architecture, (ulong)(uint)seed + (ulong)(parallel?.Group.Rank ?? 0), device);
        if (startingWeights is not null)
            network.SetParameters(startingWeights);
        if (parallel is not null)
            network.Broadcast(parallel.Group);
        network.SetOptimizer(options.Optimizer.FullSpec);
        network.SetLoss(lossSpec);

        int width = architecture.OutputWidth;
        var order = Enumerable.Range(0, train.Rows).ToArray();
        var random = new Random(seed);
        bool batchNormalization = architecture.Layers.Any(l => l is BatchNormalization);
        // Distributed, BatchSize is each rank's: a step takes BatchSize rows from every rank, as PyTorch's DistributedDataParallel.
        var plan = BatchPlan.For(train.Rows, options.BatchSize, batchNormalization, parallel);
        var batch = new Batch(train, plan.MostRows, width);
        var validationBatch = validation is null ? null : new Batch(validation, Math.Min(Math.Max(options.BatchSize, 256), validation.Rows), width);
        var history = new TrainingHistory();
        var schedule = options.LearningRateSchedule?.Start(options.Optimizer.LearningRate);
        var tracker = options.EarlyStopping is EarlyStopping es ? new MonitorTracker(es.Monitor, es.MinDelta) : null;
        int epochsWithoutImprovement = 0;
        double rate = options.Optimizer.LearningRate;
        var lastGood = network.GetParameters();
        var best = lastGood;

        SequentialModel Cancelled(int epoch) =>
            Stop(network, lastGood, history, architecture, $"cancelled in epoch {epoch}; the model is the one after epoch {epoch - 1}.", epoch == 1);

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (schedule?.RateFor(epoch, rate) is double next && next != rate)
            {
                rate = next;
                network.SetLearningRate(rate);
            }
            var clock = Stopwatch.StartNew();
            if (options.Shuffle)
                random.Shuffle(order);
            double lossSum = 0, metric = 0;
            for (int index = 1; index <= plan.Steps.Count; index++)
            {
                var (start, count, total) = plan.Steps[index - 1];
                bool cancel = options.CancellationToken.IsCancellationRequested;
                if (cancel && parallel is null)
                    return Cancelled(epoch);
                int rows = batch.Gather(train, order.AsSpan(start, count));
                // Distributed, a cancellation on any rank stops every rank at the same batch.
                var (loss, stopped) = parallel is null
                    ? (network.TrainBatch(batch.Features(rows), batch.Targets(rows), batch.Weights(rows), rows, train.LabelWidth, batch.Outputs(rows)), false)
                    : network.TrainShard(parallel.Group, batch.Features(rows), batch.Targets(rows), batch.Weights(rows), rows, total, train.LabelWidth, cancel, batch.Outputs(rows));
                if (stopped)
                    return Cancelled(epoch);
                if (!float.IsFinite(loss) && epoch == 1)
                    throw new InvalidOperationException($"{user}: the loss became {loss} in epoch 1, batch {index}, so no trained weights exist to keep. " +
                        $"Try a lower learning rate (now {rate}), check that the features are normalised, or clip gradients (ClipNorm).");
                if (!float.IsFinite(loss))
                    return Stop(network, lastGood, history, architecture,
                        $"the loss became {loss} in epoch {epoch}, batch {index}; the model keeps the weights of epoch {epoch - 1}. Try a lower learning rate (now {rate}), or check that the features are normalised.", false);
                lossSum += loss * total;
                metric += metricSum(batch.Outputs(rows), batch.Targets(rows), width);
            }
            if (parallel is not null)
            {
                // The loss is the whole batch's already; the metric is each rank's rows', summed here.
                Span<double> sums = [metric];
                parallel.Sum(sums);
                metric = sums[0];
                if (batchNormalization)
                    network.AverageBuffers(parallel.Group);
            }
            var (validationLoss, validationMetric) = validation is null ? (null, null) : Evaluate(network, validation, validationBatch!, width, parallel);
            var report = new EpochReport(epoch, lossSum / plan.TotalRows, validationLoss, metricName, metric / plan.TotalRows, validationMetric, rate, clock.Elapsed.TotalSeconds);
            history.Add(report);
            if (parallel?.Reports != false)
            {
                options.Progress?.Report(report);
                context.WriteLog(ChannelMessageKind.Trace, user, report.ToString());
            }
            lastGood = network.GetParameters();
            schedule?.Observe(report);
            if (tracker is null)
                continue;
            if (tracker.Improved(report))
            {
                epochsWithoutImprovement = 0;
                best = lastGood;
            }
            else if (++epochsWithoutImprovement > options.EarlyStopping!.Patience)
            {
                var keep = options.EarlyStopping.RestoreBestWeights ? best : lastGood;
                return Stop(network, keep, history, architecture, $"early stopping after epoch {epoch}: {tracker.Best:G5} was the best {options.EarlyStopping.Monitor}" +
                    (options.EarlyStopping.RestoreBestWeights ? "; the model has that epoch's weights." : "."), false);
            }
        }
        return new SequentialModel(architecture, tracker is not null && options.EarlyStopping!.RestoreBestWeights ? best : lastGood, history);
    }

    private SequentialModel Stop(TorchNetwork network, Dictionary<string, NamedTensor> weights, TrainingHistory history, NetworkArchitecture architecture, string reason, bool nothingToKeep)
    {
        if (nothingToKeep)
            throw new OperationCanceledException($"{user}: training was cancelled before its first epoch finished.", options.CancellationToken);
        history.StopReason = reason;
        context.WriteLog(ChannelMessageKind.Warning, user, reason);
        return new SequentialModel(architecture, weights, history);
    }

    // Distributed, each rank evaluates its rows (Mine) and the sums are added up.
    private (double? Loss, double? Metric) Evaluate(TorchNetwork network, TrainingData data, Batch batch, int width, DataParallel? parallel)
    {
        var all = batch.Rows;
        Span<double> sums = [0, 0, data.Rows];
        for (int start = 0; start < data.Rows; start += batch.Capacity)
        {
            int rows = batch.Gather(data, all.AsSpan(start, Math.Min(batch.Capacity, data.Rows - start)));
            sums[0] += network.Evaluate(batch.Features(rows), batch.Targets(rows), batch.Weights(rows), rows, data.LabelWidth, batch.Outputs(rows)) * rows;
            sums[1] += metricSum(batch.Outputs(rows), batch.Targets(rows), width);
        }
        parallel?.Sum(sums);
        return (sums[0] / sums[2], sums[1] / sums[2]);
    }

    /// <summary>What every rank of a distributed run must agree on about the network and its training, each with its name for the message when one differs.</summary>
    private List<(string What, long Value)> Facts(NetworkArchitecture architecture, SpecLine lossSpec) =>
    [
        ("the network (its layers and sizes)", DataParallel.Digest(architecture.Spec())),
        ("the optimizer or loss", DataParallel.Digest($"{options.Optimizer.FullSpec}\n{lossSpec}")),
        ("the training options (epochs, batch size, shuffling, early stopping, learning-rate schedule)",
            DataParallel.Digest($"{options.Epochs} {options.BatchSize} {options.Shuffle} {options.EarlyStopping} {options.LearningRateSchedule}")),
    ];

    /// <summary>Reusable buffers that hold the rows of one batch contiguously, and the network's outputs for them.</summary>
    private sealed class Batch(TrainingData data, int capacity, int outputWidth)
    {
        private readonly float[] _x = new float[capacity * data.Width];
        private readonly float[] _y = new float[capacity * data.LabelWidth];
        private readonly float[]? _w = data.Weights is null ? null : new float[capacity];
        private readonly float[] _outputs = new float[capacity * outputWidth];

        public int Capacity => capacity;

        /// <summary>Every row index of the batch's data, in order (for passes that visit all rows).</summary>
        public int[] Rows { get; } = Enumerable.Range(0, data.Rows).ToArray();

        public int Gather(TrainingData source, ReadOnlySpan<int> rows)
        {
            int width = source.Width, labelWidth = source.LabelWidth;
            for (int i = 0; i < rows.Length; i++)
            {
                int r = rows[i];
                source.Features.CopyRow(r, _x.AsSpan(i * width, width));
                source.Labels.AsSpan(r * labelWidth, labelWidth).CopyTo(_y.AsSpan(i * labelWidth));
                if (_w is not null)
                    _w[i] = source.Weights![r];
            }
            return rows.Length;
        }

        public ReadOnlySpan<float> Features(int rows) => _x.AsSpan(0, rows * data.Width);
        public ReadOnlySpan<float> Targets(int rows) => _y.AsSpan(0, rows * data.LabelWidth);
        public ReadOnlySpan<float> Weights(int rows) => _w is null ? default : _w.AsSpan(0, rows);
        public Span<float> Outputs(int rows) => _outputs.AsSpan(0, rows * outputWidth);
    }
}
