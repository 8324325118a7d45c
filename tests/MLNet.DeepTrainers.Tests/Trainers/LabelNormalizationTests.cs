namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// NormalizeLabel: a regression network ends with an inverting Normalization adapted to the training labels
/// (statistics checked against a hand computation), so that training does not depend on the label's units:
/// a label times 1,000 or times 1/1,000 gives that multiple of the same predictions, under Adam and plain Sgd
/// alike (and not without the layer). Losses and metrics stay in the label's units (ML.NET's evaluator is the
/// referee); classification gets no such layer; one anywhere else is refused.
/// </summary>
public sealed class LabelNormalizationTests
{
    private sealed class Row
    {
        [VectorType(3)] public float[] Features = [];
        public float Label;
        public bool Positive;
    }

    /// <summary>The same 64 rows, the label (a non-linear function of the features, far from 0) times <paramref name="scale"/>.</summary>
    private static Row[] Rows(float scale) => Enumerable.Range(0, 64)
        .Select(i => new Row
        {
            Features = [i % 7, i % 5, i * 13 % 11],
            Label = scale * (40 + 3 * (i % 7) - 2 * (i % 5) + 0.5f * (i * 13 % 11) * (i % 3)),
            Positive = i % 3 == 0,
        })
        .ToArray();

    private static MlpOptions Options(Optimizer optimizer, bool normalizeLabel = true) =>
        new() { HiddenLayers = [8], Epochs = 10, BatchSize = 16, Optimizer = optimizer, NormalizeLabel = normalizeLabel, Seed = 3 };

    private static float[] Predictions(float scale, MlpOptions options)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(scale));
        return ml.Regression.Trainers.Mlp(options).Fit(data).Transform(data).GetColumn<float>("Score").ToArray();
    }

    [Fact]
    public void The_last_layer_turns_the_standardised_label_back_with_the_training_labels_mean_and_variance()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(1);
        var model = ml.Regression.Trainers.Mlp(Options(new Adam())).Fit(ml.Data.LoadFromEnumerable(rows)).Model;

        Assert.Equal(new Normalization { Invert = true }, model.Layers[^1]);
        // Modules: 0 the inputs' Normalization, 1 and 2 Dense and ReLU, 3 the output Dense, 4 the label's.
        var weights = model.GetWeights();
        double mean = rows.Average(r => r.Label), variance = rows.Average(r => (r.Label - mean) * (r.Label - mean));
        Assert.Equal(mean, weights["4.mean"].Values[0], 3);
        Assert.Equal(variance, weights["4.variance"].Values[0], 2);
        Assert.Contains(" normalization_1 (Normalization)   (None, 1)                 2\n", model.Summary().ReplaceLineEndings("\n"));
        Assert.Contains("Non-trainable params: 8", model.Summary());
    }

    [Theory]
    [InlineData("Adam")]
    [InlineData("Sgd")]
    public void A_label_in_other_units_gives_the_same_predictions_in_those_units(string optimizer)
    {
        Optimizer Make() => optimizer == "Adam" ? new Adam(0.01) : new Sgd(0.01);
        var unit = Predictions(1, Options(Make()));
        double spread = unit.Max() - unit.Min();
        Assert.True(spread > 5, $"the predictions hardly vary ({spread}): the comparison would be of a constant");
        foreach (float scale in new[] { 1e-3f, 1e3f })
        {
            var scaled = Predictions(scale, Options(Make()));
            for (int i = 0; i < unit.Length; i++)
                Assert.True(Math.Abs(scaled[i] / scale - unit[i]) < 1e-3 * spread, $"×{scale}, row {i}: {scaled[i] / scale} against {unit[i]}");
        }
        // Without the layer the units matter: at 1,000 times the label, training goes elsewhere.
        var plain = Predictions(1, Options(Make(), normalizeLabel: false));
        var plainScaled = Predictions(1e3f, Options(Make(), normalizeLabel: false));
        Assert.Contains(Enumerable.Range(0, unit.Length), i => !(Math.Abs(plainScaled[i] / 1e3f - plain[i]) < 0.1 * spread));
    }

    [Theory]
    [InlineData(1e20f)]
    [InlineData(1e-25f)]
    public void A_label_spread_beyond_float_arithmetic_is_refused_before_training(float scale)
    {
        var ml = new MLContext(seed: 1);
        foreach (bool normalizeLabel in new[] { true, false })
        {
            var error = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.Mlp(Options(new Adam(), normalizeLabel)).Fit(ml.Data.LoadFromEnumerable(Rows(scale))));
            Assert.Contains("the training labels' standard deviation is", error.Message);
            Assert.Contains("rescale the label", error.Message);
        }
    }

    [Fact]
    public void Losses_and_metrics_stay_in_the_labels_units()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(1000));
        var options = Options(new Adam(0.01));
        options.ValidationSet = data;
        var model = ml.Regression.Trainers.Mlp(options).Fit(data);
        // The last epoch's validation values are over the final weights: ML.NET's evaluator on the same rows.
        var metrics = ml.Regression.Evaluate(model.Transform(data));
        var last = model.Model.History.Epochs[^1];
        Assert.Equal(metrics.MeanSquaredError, last.ValidationLoss!.Value, metrics.MeanSquaredError * 1e-4);
        Assert.Equal(metrics.MeanAbsoluteError, last.ValidationMetric!.Value, metrics.MeanAbsoluteError * 1e-4);
    }

    [Fact]
    public void Classification_and_NormalizeLabel_false_leave_the_network_as_given()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(1));
        var binary = ml.Transforms.CopyColumns("Target", "Positive")
            .Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { LabelColumnName = "Target", HiddenLayers = [4], Epochs = 1 })).Fit(data).LastTransformer;
        Assert.IsType<Dense>(binary.Model.Layers[^1]);
        var regression = ml.Regression.Trainers.Mlp(Options(new Adam(), normalizeLabel: false)).Fit(data);
        Assert.IsType<Dense>(regression.Model.Layers[^1]);
    }

    [Fact]
    public void An_output_layer_with_an_activation_of_its_own_keeps_the_labels_units()
    {
        // Keras's way to a non-negative prediction: relu on the output. Standardised, its zero would be the mean label.
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(1));
        var model = ml.Regression.Trainers.Sequential([new Dense(8, ActivationKind.ReLU), new Dense(1, ActivationKind.ReLU)], epochs: 30, learningRate: 0.01).Fit(data);
        Assert.Equal(new Dense(1, ActivationKind.ReLU), model.Model.Layers[^1]);
        var scores = model.Transform(data).GetColumn<float>("Score").ToArray();
        Assert.True(scores.Min() < Rows(1).Average(r => r.Label), $"the lowest prediction {scores.Min()} is not under the mean label");
    }

    [Fact]
    public void An_inverting_Normalization_is_only_the_last_layer_of_a_regression_network()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(1));
        var first = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.Sequential([new Normalization { Invert = true }, new Dense(1)], epochs: 1).Fit(data));
        Assert.Contains("layer 0 is an inverting Normalization", first.Message);
        var binary = Assert.Throws<ArgumentException>(() => ml.Transforms.CopyColumns("Target", "Positive")
            .Append(ml.BinaryClassification.Trainers.Sequential([new Dense(1), new Normalization { Invert = true }], labelColumnName: "Target", epochs: 1)).Fit(data));
        Assert.Contains("last layer of a regression network", binary.Message);
        // The user's own is adapted, and no second is added.
        var own = ml.Regression.Trainers.Sequential([new Dense(1), new Normalization { Invert = true }], epochs: 1).Fit(data).Model;
        Assert.Equal(1, own.Layers.Count(l => l is Normalization { Invert: true }));
        Assert.True(own.GetWeights().Last(w => w.Key.EndsWith(".mean", StringComparison.Ordinal)).Value.Values[0] > 40);
    }
}
