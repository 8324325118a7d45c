using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Trainers;

public class TrainingLoopTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Line(int rows) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new LabeledVector
    {
        Features = [i / (float)rows, (i % 5) / 5f, 1],
        Label = 3 * i / (float)rows - 1,
    }).ToList());

    private SequentialModel Train(Action<MlpOptions> configure, int rows = 100)
    {
        var options = new MlpOptions { HiddenLayers = [8], Epochs = 6, BatchSize = 10, Seed = 7 };
        configure(options);
        return _ml.Regression.Trainers.Mlp(options).Fit(Line(rows)).Model;
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_can_restore_the_best_epoch()
    {
        // A min delta no epoch can beat: the first epoch is the best, and with patience 1 the third stops training.
        var stopped = Train(o => o.EarlyStopping = new EarlyStopping("loss", patience: 1, minDelta: 1e9, restoreBestWeights: true));
        Assert.Equal(3, stopped.History.Epochs.Count);
        Assert.Contains("early stopping after epoch 3", stopped.History.StopReason);

        var firstEpochOnly = Train(o => o.Epochs = 1);
        Assert.Equal(firstEpochOnly.Weights["0.weight"].Values, stopped.Weights["0.weight"].Values);
    }

    [Fact]
    public void Monitoring_validation_without_validation_data_is_refused_before_training()
    {
        var error = Assert.Throws<ArgumentException>(() => Train(o => o.EarlyStopping = new EarlyStopping("val_loss")));
        Assert.Contains("ValidationFraction", error.Message);
        Assert.Contains("'mae'", Assert.Throws<ArgumentException>(() => Train(o => o.EarlyStopping = new EarlyStopping("accuracy"))).Message);
    }

    [Fact]
    public void Schedules_set_each_epochs_learning_rate()
    {
        var step = Train(o => o.LearningRateSchedule = new StepDecay(stepSize: 2, factor: 0.5));
        Assert.Equal([1e-3, 1e-3, 5e-4, 5e-4, 2.5e-4, 2.5e-4], step.History.Epochs.Select(e => e.LearningRate));

        var exponential = Train(o => o.LearningRateSchedule = new ExponentialDecay(0.1));
        Assert.Equal(1e-3 * Math.Pow(0.1, 5), exponential.History.Epochs[^1].LearningRate, 12);

        // Nothing improves by 1e9, so after patience 1 the rate drops by 10, then the cooldown-free watch starts again.
        var plateau = Train(o => o.LearningRateSchedule = new ReduceLearningRateOnPlateau("loss", factor: 0.1, patience: 1, minDelta: 1e9));
        Assert.Equal([1e-3, 1e-3, 1e-3, 1e-4, 1e-4, 1e-5], plateau.History.Epochs.Select(e => Math.Round(e.LearningRate, 12)));
    }

    [Fact]
    public void A_validation_set_and_a_validation_fraction_report_validation_loss_and_metric()
    {
        var fraction = Train(o => o.ValidationFraction = 0.25);
        Assert.All(fraction.History.Epochs, e => Assert.NotNull(e.ValidationMetric));
        var set = Train(o => o.ValidationSet = Line(30));
        Assert.All(set.History.Epochs, e => Assert.True(e.ValidationLoss > 0));
        Assert.Throws<ArgumentException>(() => Train(o => { o.ValidationSet = Line(30); o.ValidationFraction = 0.2; }));
    }

    [Fact]
    public void Fit_with_validation_data_is_the_same_as_the_ValidationSet_option()
    {
        var options = new MlpOptions { HiddenLayers = [8], Epochs = 3, BatchSize = 10, Seed = 7 };
        var byFit = _ml.Regression.Trainers.Mlp(options).Fit(Line(100), Line(30)).Model;
        var byOption = Train(o => { o.Epochs = 3; o.ValidationSet = Line(30); });
        Assert.Equal(byOption.History.Epochs.Select(e => e.ValidationLoss), byFit.History.Epochs.Select(e => e.ValidationLoss));

        options.ValidationFraction = 0.2;
        Assert.Contains("one way only", Assert.Throws<ArgumentException>(() => _ml.Regression.Trainers.Mlp(options).Fit(Line(100), Line(30))).Message);
    }

    [Fact]
    public void A_loss_that_becomes_NaN_stops_training_naming_the_epoch_and_batch_and_keeps_good_weights()
    {
        // A sane rate for two epochs, then one a million times larger: the loss overflows in epoch 3.
        var model = Train(o => { o.Optimizer = new Sgd(learningRate: 0.01); o.LearningRateSchedule = new StepDecay(2, factor: 1e8); o.Epochs = 20; });

        Assert.Equal(2, model.History.Epochs.Count);
        Assert.Matches(@"the loss became (NaN|∞|-?Infinity) in epoch 3, batch \d+", model.History.StopReason);
        Assert.Contains("lower learning rate", model.History.StopReason);
        Assert.All(model.Weights.Values.SelectMany(w => w.Values), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void Cancelling_returns_the_model_of_the_last_finished_epoch()
    {
        using var cancel = new CancellationTokenSource();
        var model = Train(o =>
        {
            o.CancellationToken = cancel.Token;
            o.Progress = new Callback(report => { if (report.Epoch == 2) cancel.Cancel(); });
        });

        Assert.Equal(2, model.History.Epochs.Count);
        Assert.Contains("cancelled in epoch 3", model.History.StopReason);
        var twoEpochs = Train(o => o.Epochs = 2);
        Assert.Equal(twoEpochs.Weights["0.weight"].Values, model.Weights["0.weight"].Values);

        using var before = new CancellationTokenSource();
        before.Cancel();
        Assert.Throws<OperationCanceledException>(() => Train(o => o.CancellationToken = before.Token));
    }

    [Fact]
    public void The_console_progress_writes_one_line_per_epoch_when_redirected()
    {
        var output = new StringWriter();
        Train(o => o.Progress = new ConsoleProgress(6, "mlp", output));
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("mlp [6/6] epoch 6: loss ", lines[^1]);
    }

    [Fact]
    public void Asking_for_CUDA_without_it_says_so_and_Auto_uses_the_CPU()
    {
        if (MLNet.DeepTrainers.Torch.TorchRuntime.CudaDeviceCount > 0)
            return; // this check is about machines without CUDA
        Assert.Contains("no CUDA device is available", Assert.Throws<InvalidOperationException>(() => Train(o => o.Device = DeviceKind.Cuda)).Message);
        Assert.Equal(6, Train(o => o.Device = DeviceKind.Auto).History.Epochs.Count);
    }

    private sealed class Callback(Action<EpochReport> action) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => action(value);
    }
}
