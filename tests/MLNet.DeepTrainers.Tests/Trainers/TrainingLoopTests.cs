using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>The fit loop's promises: repeatability from the MLContext's seed, validation, callbacks (early stopping with best weights, schedules, the user's own), cancellation and bad losses.</summary>
public sealed class TrainingLoopTests
{
    private static IDataView Prepared(MLContext ml) => Datasets.BostonFeatures(ml).Fit(Datasets.Boston(ml)).Transform(Datasets.Boston(ml));

    private static float[] Scores(ITransformer model, IDataView data) => model.Transform(data).GetColumn<float>("Score").ToArray();

    [Fact]
    public void The_MLContext_seed_makes_training_repeatable_and_the_Seed_option_wins()
    {
        float[] Train(int contextSeed, int? seed)
        {
            var ml = new MLContext(seed: contextSeed);
            var data = Prepared(ml);
            var trainer = ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 3, DropoutRate = 0.2f, Seed = seed });
            return Scores(trainer.Fit(data), data);
        }
        Assert.Equal(Train(1, null), Train(1, null));
        Assert.NotEqual(Train(1, null), Train(2, null));
        Assert.Equal(Train(1, 42), Train(2, 42));
    }

    /// <summary>
    /// A fit draws nothing from libtorch's global generator: another thread reseeding and drawing from it the
    /// whole time (as the application's own TorchSharp code may) leaves the fit's model as it was.
    /// </summary>
    [Fact]
    public void Another_thread_drawing_from_libtorchs_generator_changes_nothing_in_a_fit()
    {
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        var options = new MlpOptions { LabelColumnName = "MEDV", Epochs = 2, DropoutRate = 0.2f, Seed = 7 };
        float[] Train() => Scores(ml.Regression.Trainers.Mlp(options).Fit(data), data);
        var quiet = Train();

        using var stop = new CancellationTokenSource();
        var noise = new Thread(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                torch.manual_seed(i);
                torch.rand(10_000).Dispose();
            }
        });
        noise.Start();
        try
        {
            for (int fit = 0; fit < 5; fit++)
                Assert.Equal(quiet, Train());
        }
        finally
        {
            stop.Cancel();
            noise.Join();
        }
    }

    [Fact]
    public void Validation_fraction_reports_validation_values_every_epoch()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 4, ValidationFraction = 0.2 }).Fit(Prepared(ml));
        var history = model.Model.History;
        Assert.Equal(4, history.Epochs.Count);
        Assert.All(history.Epochs, e => Assert.True(e.ValidationLoss > 0 && e.ValidationMetric > 0));
        Assert.Equal("mae", history.Epochs[0].MetricName);
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss);
    }

    [Fact]
    public void Early_stopping_stops_and_restores_the_best_epochs_weights()
    {
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        var weights = new List<IReadOnlyDictionary<string, NamedTensor>>();
        var recorder = new WeightsRecorder(weights);
        // A high learning rate makes the validation loss bounce, so patience 1 runs out early.
        var options = new MlpOptions
        {
            LabelColumnName = "MEDV", Epochs = 60, ValidationFraction = 0.25, Optimizer = new Adam(0.05),
            Callbacks = [recorder, new EarlyStopping("val_loss", patience: 1, restoreBestWeights: true)],
        };
        var model = ml.Regression.Trainers.Mlp(options).Fit(data);
        var history = model.Model.History;
        Assert.True(history.Epochs.Count < 60, "training should stop early");
        Assert.StartsWith("early stopping after epoch", history.StopReason);
        int best = history.Epochs.MinBy(e => e.ValidationLoss)!.Epoch;
        Assert.Equal(history.Epochs.Count - 2, best);
        var kept = model.Model.GetWeights();
        Assert.Equal(weights[best - 1]["0.weight"].Values, kept["0.weight"].Values);
    }

    [Fact]
    public void A_users_callback_sees_every_epoch_and_can_change_the_learning_rate_and_stop()
    {
        var ml = new MLContext(seed: 1);
        var callback = new HalvingStopper();
        var model = ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 10, Callbacks = [callback] }).Fit(Prepared(ml));
        var history = model.Model.History;
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal([0.001, 0.0005, 0.00025], history.Epochs.Select(e => e.LearningRate), new ToleranceComparer(1e-12));
        Assert.Equal("enough", history.StopReason);
        Assert.Equal(1, callback.Begins);
        Assert.Equal(1, callback.Ends);
    }

    [Fact]
    public void Schedules_set_each_epochs_learning_rate()
    {
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        double[] Rates(TrainingCallback schedule) => ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 5, Callbacks = [schedule] })
            .Fit(data).Model.History.Epochs.Select(e => e.LearningRate).ToArray();
        Assert.Equal([0.001, 0.001, 0.0005, 0.0005, 0.00025], Rates(new StepDecay(2, 0.5)), new ToleranceComparer(1e-12));
        Assert.Equal([0.001, 0.0009, 0.00081, 0.000729, 0.0006561], Rates(new ExponentialDecay(0.9)), new ToleranceComparer(1e-12));
        Assert.Equal([0.002, 0.003, 0.004, 0.005, 0.006], Rates(new LearningRateScheduler((epoch, _) => 0.001 * (epoch + 1))), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Cancellation_keeps_the_last_finished_epoch_or_fails_before_the_first()
    {
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        using var before = new CancellationTokenSource();
        before.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 3, CancellationToken = before.Token }).Fit(data).Model);

        using var later = new CancellationTokenSource();
        var model = ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 50, CancellationToken = later.Token, Callbacks = [new CancelAfter(2, later)] }).Fit(data);
        Assert.Equal(2, model.Model.History.Epochs.Count);
        Assert.StartsWith("cancelled in epoch 3", model.Model.History.StopReason);
    }

    [Fact]
    public void A_loss_that_overflows_in_the_first_epoch_is_an_error_that_says_what_to_try()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<InvalidOperationException>(() =>
            ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 2, Optimizer = new Sgd(1e6) }).Fit(Prepared(ml)).Model);
        Assert.Contains("lower learning rate", error.Message);
    }

    [Fact]
    public void Example_and_class_weights_change_the_model_as_Keras_weights_do()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.BreastCancer(ml);
        var plain = ml.BinaryClassification.Trainers.Dense(new DenseOptions { Epochs = 5, Seed = 3 }).Fit(data);
        // Class weights of 1 change nothing; weighting the positive class 5 times raises the probabilities.
        var ones = ml.BinaryClassification.Trainers.Dense(new DenseOptions { Epochs = 5, Seed = 3, ClassWeights = [1, 1] }).Fit(data);
        var heavy = ml.BinaryClassification.Trainers.Dense(new DenseOptions { Epochs = 5, Seed = 3, ClassWeights = [1, 5] }).Fit(data);
        float[] Probabilities(ITransformer model) => model.Transform(data).GetColumn<float>("Probability").ToArray();
        // The same sums in another order: equal to float rounding.
        Assert.All(Probabilities(plain).Zip(Probabilities(ones)), p => Assert.Equal(p.First, p.Second, 1e-5));
        double raised = Probabilities(heavy).Zip(Probabilities(plain)).Count(p => p.First > p.Second) / (double)Probabilities(plain).Length;
        Assert.True(raised > 0.9, $"{raised:P0} of the probabilities rose");
        var error = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Dense(new DenseOptions { ClassWeights = [1, 2, 3] }).Fit(data));
        Assert.Contains("2 classes", error.Message);
    }

    private sealed class WeightsRecorder(List<IReadOnlyDictionary<string, NamedTensor>> weights) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingState state, EpochReport report) => weights.Add(state.GetWeights());
    }

    private sealed class HalvingStopper : TrainingCallback
    {
        public int Begins { get; private set; }

        public int Ends { get; private set; }

        public override void OnTrainBegin(TrainingState state) => Begins++;

        public override void OnEpochEnd(TrainingState state, EpochReport report)
        {
            state.LearningRate /= 2;
            if (report.Epoch == 3)
                state.StopTraining("enough");
        }

        public override void OnTrainEnd(TrainingState state) => Ends++;
    }

    private sealed class CancelAfter(int epochs, CancellationTokenSource source) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingState state, EpochReport report)
        {
            if (report.Epoch == epochs)
                source.Cancel();
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
