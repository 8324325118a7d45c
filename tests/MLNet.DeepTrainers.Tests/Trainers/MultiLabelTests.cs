using Microsoft.ML.Data;
using MLNet.DeepTrainers.Tests.Saving;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// Multi-label classification end to end: a Boolean vector label with slot names, one sigmoid output per
/// label, the three vector columns, the library's evaluator and cross-validation, ML.NET's saving.
/// </summary>
public sealed class MultiLabelTests
{
    private const int FeatureCount = 8;
    private static readonly string[] Topics = ["earn", "acq", "grain", "crude"];

    private sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        [VectorType(4)]
        public bool[] Label { get; set; } = [];
    }

    private sealed class NoColumns;

    private sealed class NumberLabels
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        [VectorType(4)]
        public float[] Label { get; set; } = [];
    }

    /// <summary>Rows whose four labels are independent rules of the features: two linear, one a product (not linear), one rare.</summary>
    internal static IDataView Data(MLContext ml, int rows, int seed)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, rows).Select(_ =>
        {
            float[] x = [.. Enumerable.Range(0, FeatureCount).Select(_ => (float)(random.NextDouble() * 2 - 1))];
            return new Row { Features = x, Label = [x[0] > 0, x[1] + x[2] > 0.5f, x[0] * x[3] > 0, x[4] > 0.8f] };
        }).ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        var names = new VBuffer<ReadOnlyMemory<char>>(4, [.. Topics.Select(t => t.AsMemory())]);
        schema["Label"].AddAnnotation("SlotNames", names, new VectorDataViewType(TextDataViewType.Instance, 4));
        return ml.Data.LoadFromEnumerable(data, schema);
    }

    [Fact]
    public void A_network_learns_label_sets_and_adds_score_probability_and_label_vectors_named_by_the_labels()
    {
        var ml = new MLContext(seed: 1);
        // 60 epochs: at 30, the rare label's F1 ranged 0.68-0.75 over MLContext seeds 1-6; at 60, 0.84-0.86.
        var trainer = ml.MultiLabelClassification.Trainers.Mlp(epochs: 60, hiddenLayers: [32]);
        var model = trainer.Fit(Data(ml, 2000, seed: 1));
        var scored = model.Transform(Data(ml, 500, seed: 2));
        foreach (var (name, item) in new[] { ("Score", (DataViewType)NumberDataViewType.Single), ("Probability", NumberDataViewType.Single), ("PredictedLabel", BooleanDataViewType.Instance) })
        {
            Assert.Equal(new VectorDataViewType((PrimitiveDataViewType)item, 4), scored.Schema[name].Type);
            var slots = default(VBuffer<ReadOnlyMemory<char>>);
            scored.Schema[name].GetSlotNames(ref slots);
            Assert.Equal(Topics, slots.DenseValues().Select(s => s.ToString()));
        }
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        var probabilities = scored.GetColumn<float[]>("Probability").ToArray();
        var predicted = scored.GetColumn<bool[]>("PredictedLabel").ToArray();
        for (int row = 0; row < scores.Length; row++)
        {
            for (int label = 0; label < 4; label++)
            {
                Assert.Equal(1 / (1 + Math.Exp(-scores[row][label])), probabilities[row][label], 1e-6);
                Assert.Equal(probabilities[row][label] > 0.5f, predicted[row][label]);
            }
        }
        var metrics = ml.MultiLabelClassification.Evaluate(scored);
        Assert.True(metrics.MicroF1Score > 0.9, $"micro F1 {metrics.MicroF1Score}");
        Assert.True(metrics.HammingLoss < 0.06, $"Hamming loss {metrics.HammingLoss}");
        Assert.All(metrics.PerLabel, l => Assert.True(l.F1Score > 0.75, $"{l.Name}: F1 {l.F1Score}"));
        var history = model.Model.History.Epochs;
        Assert.Equal("accuracy", history[0].MetricName);
        Assert.True(history[^1].Metric > 0.95, $"training binary accuracy {history[^1].Metric}");
    }

    [Fact]
    public void A_Sequential_ending_in_sigmoids_cross_validates_and_saves_with_the_same_predictions()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 900, seed: 3);
        var trainer = ml.MultiLabelClassification.Trainers.Sequential([new Dense(16, ActivationKind.ReLU), new Dense(4, ActivationKind.Sigmoid)], epochs: 30);
        var folds = ml.MultiLabelClassification.CrossValidate(data, trainer, numberOfFolds: 3, seed: 1);
        Assert.Equal([0, 1, 2], folds.Select(f => f.Fold));
        Assert.All(folds, f => Assert.True(f.Metrics.MicroF1Score > 0.7, $"fold {f.Fold}: micro F1 {f.Metrics.MicroF1Score}"));
        Assert.Equal(900, folds.Sum(f => f.Metrics.Rows));

        var model = trainer.Fit(data);
        var expected = model.Transform(data);
        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);
        var actual = loaded.Transform(data);
        SavedModel.AssertSameColumns(expected.Schema, actual.Schema, "Score", "Probability", "PredictedLabel");
        foreach (string column in new[] { "Score", "Probability", "PredictedLabel" })
            SavedModel.AssertSameValues(expected, actual, column);
    }

    [Fact]
    public void A_label_that_is_not_a_Boolean_vector_is_refused_before_any_work()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 10, seed: 1);
        var numbers = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single).Fit(data).Transform(data);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MultiLabelClassification.Trainers.Mlp().Fit(numbers));
        Assert.Contains("MultiLabelClassification.Trainers.Mlp: the label column 'Label' of the training data is Vector<Single, 4>", error.Message);
        Assert.Contains("known-size vector of Boolean", error.Message);
        var numberShape = ml.Transforms.CustomMapping<NoColumns, NumberLabels>((_, _) => { }, contractName: null).GetOutputSchema(new SchemaShape([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.MultiLabelClassification.Trainers.Mlp().GetOutputSchema(numberShape));
        var shape = ml.Transforms.CustomMapping<NoColumns, Row>((_, _) => { }, contractName: null).GetOutputSchema(new SchemaShape([]));
        var added = ml.MultiLabelClassification.Trainers.Mlp().GetOutputSchema(shape);
        Assert.Equal([SchemaShape.Column.VectorKind.Vector, SchemaShape.Column.VectorKind.Vector, SchemaShape.Column.VectorKind.Vector],
            new[] { "Score", "Probability", "PredictedLabel" }.Select(name => added.Single(c => c.Name == name).Kind));
        Assert.Equal(BooleanDataViewType.Instance, added.Single(c => c.Name == "PredictedLabel").ItemType);
        Assert.Throws<ArgumentException>(() => ml.MultiLabelClassification.Trainers.Mlp(new MlpOptions { ClassWeights = [1, 2, 3, 4] }).Fit(data));
    }
}
