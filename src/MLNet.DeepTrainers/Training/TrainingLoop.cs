using System.Diagnostics;
using MLNet.DeepTrainers.Distributed;

namespace MLNet.DeepTrainers;

/// <summary>
/// Keras's fit loop on TorchSharp, as a skeleton that notifies callbacks: epochs, shuffling, batches
/// sliced from tensors that hold the whole data set on the device, validation, the task's metric,
/// non-finite losses and cancellation. Early stopping, schedules, checkpoints and progress are callbacks.
/// As one rank of several (<paramref name="parallel"/>), it shuffles its own rows by the shared seed and
/// its rank, takes the steps the ranks agreed on, averages gradients before each update, and reports
/// losses and metrics over every rank's rows, so callbacks decide alike on every rank.
/// </summary>
internal sealed class TrainingLoop(DeepTrainerOptions options, LearningTask task, string user, Action<string> log, bool joinParameters, DataParallel? parallel = null)
{
    private readonly StepProfile? _profile = StepProfile.FromEnvironment();

    /// <summary>
    /// Trains <paramref name="network"/> (on <paramref name="device"/> already) and returns its history. The weights
    /// the network ends with are the model's: the last epoch's, or what a callback or a stop left.
    /// </summary>
    public TrainingHistory Run(SequentialNetwork network, torch.Device device, TrainingData train, TrainingData? validation, int seed)
    {
        using var trainSet = DeviceData.From(train, device, task.TargetType);
        using var validationSet = validation is null ? null : DeviceData.From(validation, device, task.TargetType);
        using var joined = joinParameters ? FlatParameters.Join(network.parameters()) : null;
        using var optimizer = options.Optimizer.Create(joined is null ? network.parameters() : [joined.All]);
        var state = new TrainingState(network, options.Epochs, task.MetricName, validation is not null, parallel?.Rank ?? 0,
            () => optimizer.LearningRate, rate => optimizer.LearningRate = rate);
        var callbacks = options.Callbacks.ToList();
        var random = new Random(parallel is null ? seed : seed + parallel.Rank);
        int batches = (train.Rows + options.BatchSize - 1) / options.BatchSize;
        int steps = parallel?.AgreeSteps(batches, validation is not null) ?? batches;
        var order = Enumerable.Range(0, train.Rows).Select(i => (long)i).ToArray();
        var lastGood = state.Snapshot();
        // A network that ends by turning a standardised label back into its units (NormalizeLabel) steps on the gradients of the loss
        // over its size in those units: the standardised label's loss, so that Sgd's learning rate, clipping and Adam's epsilon
        // mean for a label in dollars or thousandths what they mean for one near 1. The reported loss stays in the label's units.
        // Handed to backward as the loss's own gradient, which costs no operation of its own; 1 (backward's own default) without that layer.
        using var gradientScale = torch.tensor(network.LabelStatistics is Normalization.Module labels ? (float)(1 / task.LossUnit(options.Loss, labels.Deviation)) : 1f, device: device);
        // A network of Dense layers steps on gradients written out rather than autograd's (after the parameters are joined: it keeps their gradients).
        using var denseStack = DenseStackGradients.For(network, task, options.Loss);
        try
        {
            foreach (var callback in callbacks)
                callback.OnTrainBegin(state);
            for (int epoch = 1; epoch <= options.Epochs && !state.StopRequested; epoch++)
            {
                state.Epoch = epoch;
                foreach (var callback in callbacks)
                    callback.OnEpochBegin(state);
                var clock = Stopwatch.StartNew();
                if (options.Shuffle)
                    random.Shuffle(order);
                var (loss, metric, cancelled) = TrainEpoch(network, optimizer, trainSet, order, steps, joined, gradientScale, denseStack);
                if (cancelled)
                {
                    string where = options.CancellationToken.IsCancellationRequested ? "" : " on another rank";
                    if (epoch == 1)
                        throw new OperationCanceledException($"{user}: training was cancelled{where} before its first epoch finished.", options.CancellationToken);
                    NetworkWeights.Restore(network, lastGood);
                    state.StopTraining($"cancelled{where} in epoch {epoch}; the model is the one after epoch {epoch - 1}.");
                    break;
                }
                if (!double.IsFinite(loss))
                {
                    if (epoch == 1)
                        throw new InvalidOperationException($"{user}: the loss became {loss} in epoch 1, so no trained weights exist to keep. " +
                            $"Try a lower learning rate (now {state.LearningRate}), check that the features are normalised, or clip gradients (ClipNorm).");
                    NetworkWeights.Restore(network, lastGood);
                    state.StopTraining($"the loss became {loss} in epoch {epoch}; the model keeps the weights of epoch {epoch - 1}. Try a lower learning rate (now {state.LearningRate}), or check that the features are normalised.");
                    break;
                }
                double seconds = clock.Elapsed.TotalSeconds;
                var (validationLoss, validationMetric) = validationSet is null ? (null, null) : Evaluate(network, validationSet);
                var report = new EpochReport(epoch, loss, validationLoss, task.MetricName, metric, validationMetric, state.LearningRate, seconds);
                state.History.Add(report);
                log(report.ToString());
                foreach (var t in lastGood.Values)
                    t.Dispose();
                lastGood = state.Snapshot();
                foreach (var callback in callbacks)
                    callback.OnEpochEnd(state, report);
            }
            foreach (var callback in callbacks)
                callback.OnTrainEnd(state);
        }
        finally
        {
            foreach (var t in lastGood.Values)
                t.Dispose();
        }
        if (state.History.StopReason is string reason)
            log(reason);
        if (_profile is not null)
            log(_profile.ToString());
        return state.History;
    }

    private (double Loss, double Metric, bool Cancelled) TrainEpoch(SequentialNetwork network, ParameterUpdate optimizer, DeviceData data, long[] order, int steps, FlatParameters? joined, Tensor gradientScale,
        DenseStackGradients? denseStack)
    {
        // The written-out gradients take the same scale as autograd's backward, as a number.
        double lossScale = gradientScale.item<float>();
        network.train();
        using var lossSum = torch.zeros(1, dtype: torch.float64, device: data.Device);
        using var metricSum = torch.zeros(1, dtype: torch.float64, device: data.Device);
        using var permutation = torch.tensor(order, device: data.Device);
        var parameters = network.parameters().ToList();
        int trained = 0;
        for (int step = 0; step < steps; step++)
        {
            int start = step * options.BatchSize;
            // A rank of several learns of cancellation at the gradients' sum, where every rank learns of it alike.
            if (parallel is null && options.CancellationToken.IsCancellationRequested)
                return (double.NaN, double.NaN, true);
            _profile?.Begin();
            using var scope = torch.NewDisposeScope();
            int rows = Math.Min(options.BatchSize, data.Rows - start);
            var indices = permutation.narrow(0, start, rows);
            var (x, y, w) = data.Batch(indices);
            optimizer.ZeroGrad();
            _profile?.End(StepProfile.Phase.Batch);
            var outputs = denseStack?.Forward(x) ?? network.forward(x);
            _profile?.End(StepProfile.Phase.Forward);
            var loss = task.BatchLoss(options.Loss, outputs, y, w);
            if (network.Penalty() is Tensor penalty)
                loss = loss.add(penalty, Scalars.One);
            _profile?.End(StepProfile.Phase.Loss);
            if (denseStack is not null)
                denseStack.Backward(task.OutputGradient(options.Loss, outputs, y, w, lossScale * denseStack.OutputUnit));
            else
                loss.backward([gradientScale]);
            // After backward, in one sum (of the joined gradient where there is one). PyTorch's DDP sums buckets
            // while backward goes on, from gradient hooks; TorchSharp 0.107 has forward hooks only (a custom
            // autograd Function could tell when a gradient is ready), and overlap needs a core to spare.
            if (parallel is not null && parallel.AverageGradients(joined is null ? [.. parameters.Where(p => p.grad is not null).Select(p => p.grad!)] : [joined.All.grad!],
                    options.CancellationToken.IsCancellationRequested))
                return (double.NaN, double.NaN, true);
            _profile?.End(StepProfile.Phase.Backward);
            Clip(parameters);
            optimizer.Step();
            network.ApplyConstraints();
            _profile?.End(StepProfile.Phase.Update);
            using (torch.no_grad())
            {
                // One in-place op each: the float64 sums take the batch's float32 loss and integer or float metric as they are.
                using var rowCount = rows.ToScalar();
                lossSum.add_(loss, rowCount);
                metricSum.add_(task.MetricSum(outputs, y), Scalars.One);
            }
            trained += rows;
            _profile?.End(StepProfile.Phase.Sums);
        }
        double lossTotal = lossSum.item<double>(), metricTotal = metricSum.item<double>();
        var (meanLoss, meanMetric) = parallel?.Mean(lossTotal, metricTotal, trained) ?? (lossTotal / trained, metricTotal / trained);
        return (meanLoss, meanMetric, false);
    }

    /// <summary>Keras's clipping: each weight's gradient to a norm of at most ClipNorm, then every element to ±ClipValue.</summary>
    private void Clip(List<TorchSharp.Modules.Parameter> parameters)
    {
        if (options.Optimizer.ClipNorm is double norm)
        {
            foreach (var p in parameters)
                torch.nn.utils.clip_grad_norm_([p], norm);
        }
        if (options.Optimizer.ClipValue is double value)
            torch.nn.utils.clip_grad_value_(parameters, value);
    }

    private (double? Loss, double? Metric) Evaluate(SequentialNetwork network, DeviceData data)
    {
        network.eval();
        using var noGrad = torch.no_grad();
        double loss = 0, metric = 0;
        // Dense rows are sliced in place, so larger batches only save calls; sparse ones are made dense, within the batch size checked before training.
        int batch = data.IsSparse ? options.BatchSize : Math.Max(options.BatchSize, 256);
        for (int start = 0; start < data.Rows; start += batch)
        {
            using var scope = torch.NewDisposeScope();
            int rows = Math.Min(batch, data.Rows - start);
            var (x, y, w) = data.Slice(start, rows);
            var outputs = network.forward(x);
            loss += task.BatchLoss(options.Loss, outputs, y, w).item<float>() * rows;
            metric += task.MetricSum(outputs, y).to(torch.float64).item<double>();
        }
        var (meanLoss, meanMetric) = parallel?.Mean(loss, metric, data.Rows) ?? (loss / data.Rows, metric / data.Rows);
        double penalty = 0;
        // In a dispose scope as the batches are, which keeps the penalty's temporary tensors alive through the native calls that use them.
        using (torch.NewDisposeScope())
        {
            if (network.Penalty() is Tensor p)
                penalty = p.item<float>();
        }
        return (meanLoss + penalty, meanMetric);
    }

    /// <summary>A data set's features (dense, or sparse with each batch made dense), targets and weights as tensors on the training device, for batches by index.</summary>
    private sealed class DeviceData : IDisposable
    {
        private readonly Tensor? _x;
        private readonly DeviceSparseRows? _sparse;
        private readonly Tensor _y;
        private readonly Tensor? _w;

        private DeviceData(Tensor? x, DeviceSparseRows? sparse, Tensor y, Tensor? w, int rows, torch.Device device)
        {
            _x = x;
            _sparse = sparse;
            _y = y;
            _w = w;
            Rows = rows;
            Device = device;
        }

        public int Rows { get; }

        public torch.Device Device { get; }

        /// <summary>Whether a batch is made dense when asked for (so larger batches cost memory), rather than sliced.</summary>
        public bool IsSparse => _sparse is not null;

        // The host tensors live in a dispose scope: one left to its finalizer could be freed during its own copy to the device (see Scalars).
        public static DeviceData From(TrainingData data, torch.Device device, torch.ScalarType targetType)
        {
            using var scope = torch.NewDisposeScope();
            return new(
                data.Features is null ? null : torch.tensor(data.Features, [data.Rows, data.Width]).to(device).DetachFromDisposeScope(),
                data.SparseFeatures is null ? null : DeviceSparseRows.From(data.SparseFeatures, device),
                torch.tensor(data.Targets, data.TargetWidth == 1 ? [data.Rows] : [data.Rows, data.TargetWidth]).to(targetType, device).DetachFromDisposeScope(),
                data.Weights is null ? null : torch.tensor(data.Weights).to(device).DetachFromDisposeScope(),
                data.Rows, device);
        }

        public (Tensor X, Tensor Y, Tensor? W) Batch(Tensor indices) =>
            (_sparse?.Dense(indices) ?? _x!.index_select(0, indices), _y.index_select(0, indices), _w?.index_select(0, indices));

        /// <summary>The <paramref name="count"/> rows from <paramref name="start"/>: a view of dense rows (no index tensor, whose torch.arange would pass its bounds as temporary scalars), sparse ones made dense.</summary>
        public (Tensor X, Tensor Y, Tensor? W) Slice(long start, long count) =>
            (_sparse?.Dense(start, count) ?? _x!.narrow(0, start, count), _y.narrow(0, start, count), _w?.narrow(0, start, count));

        public void Dispose()
        {
            _x?.Dispose();
            _sparse?.Dispose();
            _y.Dispose();
            _w?.Dispose();
        }
    }
}
