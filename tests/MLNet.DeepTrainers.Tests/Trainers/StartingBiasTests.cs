namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// The output layer's bias starts at the best constant prediction of the (weighted) training targets: the
/// mean label, the positive class's log-odds, each class's log share. Read after one step of a learning
/// rate too small to move it, against the hand computation.
/// </summary>
public sealed class StartingBiasTests
{
    private sealed class Row
    {
        [VectorType(2)] public float[] Features = [];
        public float Value;
        public bool Positive;
        public uint Class;
        public float Weight;
    }

    private static readonly Row[] Rows = Enumerable.Range(0, 20)
        .Select(i => new Row { Features = [i % 3, i % 4], Value = 100 + i, Positive = i % 4 == 0, Class = (uint)(i % 5 == 0 ? 2 : i % 2), Weight = 1 + i % 2 })
        .ToArray();

    private static float[] OutputBias<TOptions>(Func<MLContext, TOptions, DeepPredictionTransformer> fit, TOptions options) where TOptions : DeepTrainerOptions
    {
        options.Epochs = 1;
        options.BatchSize = Rows.Length;
        options.Optimizer = new Sgd(1e-12);
        options.Seed = 1;
        var ml = new MLContext(seed: 1);
        var weights = fit(ml, options).Model.GetWeights();
        // The last module's bias: "3.bias" after "1.bias".
        return weights.Where(w => w.Key.EndsWith(".bias", StringComparison.Ordinal)).MaxBy(w => int.Parse(w.Key.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)).Value.Values;
    }

    private static IDataView Data(MLContext ml) => ml.Data.LoadFromEnumerable(Rows);

    [Fact]
    public void Regression_starts_at_the_weighted_mean_label()
    {
        double weightedMean = Rows.Sum(r => r.Weight * r.Value) / Rows.Sum(r => r.Weight);
        var bias = OutputBias((ml, o) => ml.Transforms.CopyColumns("Label", "Value").Append(ml.Regression.Trainers.Mlp(o)).Fit(Data(ml)).LastTransformer,
            new MlpOptions { HiddenLayers = [3], ExampleWeightColumnName = "Weight", NormalizeLabel = false });
        Assert.Equal(weightedMean, bias[0], 3);

        // With the label standardised (the default), the bias is the weighted mean in standard deviations from the (unweighted) mean label.
        double mean = Rows.Average(r => r.Value), deviation = Math.Sqrt(Rows.Average(r => (r.Value - mean) * (r.Value - mean)));
        var standardised = OutputBias((ml, o) => ml.Transforms.CopyColumns("Label", "Value").Append(ml.Regression.Trainers.Mlp(o)).Fit(Data(ml)).LastTransformer,
            new MlpOptions { HiddenLayers = [3], ExampleWeightColumnName = "Weight" });
        Assert.Equal((weightedMean - mean) / deviation, standardised[0], 4);
    }

    [Fact]
    public void Binary_classification_starts_at_the_positive_class_log_odds()
    {
        var bias = OutputBias((ml, o) => ml.Transforms.CopyColumns("Label", "Positive").Append(ml.BinaryClassification.Trainers.Dense(o)).Fit(Data(ml)).LastTransformer, new DenseOptions());
        double share = Rows.Count(r => r.Positive) / (double)Rows.Length;
        Assert.Equal(Math.Log(share / (1 - share)), bias[0], 5);
    }

    [Fact]
    public void Multiclass_starts_at_each_class_log_share_weighted_by_class_weights()
    {
        var bias = OutputBias((ml, o) => ml.Transforms.Conversion.MapValueToKey("Label", "Class").Append(ml.MulticlassClassification.Trainers.Mlp(o)).Fit(Data(ml)).LastTransformer,
            new MlpOptions { HiddenLayers = [3], ClassWeights = [1, 2, 3] });
        // MapValueToKey numbers the classes in order of appearance: 2 (row 0), 1, 0.
        uint[] order = [2, 1, 0];
        double[] weights = order.Select((c, key) => Rows.Count(r => r.Class == c) * (key + 1.0)).ToArray();
        for (int key = 0; key < 3; key++)
            Assert.Equal(Math.Log(weights[key] / weights.Sum()), bias[key], 5);
    }
}
