using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Trainers;

public class ClassificationTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Iris
    {
        [LoadColumn(0, 3)] public float[] Features { get; set; } = [];
        [LoadColumn(4)] public string Species { get; set; } = "";
    }

    public sealed class Flower
    {
        public string Species { get; set; } = "";
        public string Predicted { get; set; } = "";
        [VectorType(3)] public float[] Score { get; set; } = [];
    }

    public sealed class Point2
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public sealed class BinaryScored
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private IDataView IrisData() => _ml.Data.LoadFromTextFile<Iris>(TestFiles.Data("iris.csv"), ',', hasHeader: true);

    private IDataView Separable(int rows) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
    {
        float x = (i % 20) / 10f - 1, y = (i / 20 % 20) / 10f - 1;
        return new Point2 { Features = [x, y], Label = x + y > 0.05f };
    }).ToList());

    [Fact]
    public void Multiclass_mlp_learns_iris_and_maps_predictions_back_to_names()
    {
        var data = _ml.Data.ShuffleRows(IrisData(), seed: 3);
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label", "Species")
            .Append(_ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(_ml.MulticlassClassification.Trainers.Mlp(hiddenLayers: [16], epochs: 60, batchSize: 8, learningRate: 0.01))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("Predicted", "PredictedLabel"));
        var split = _ml.Data.TrainTestSplit(data, 0.3, seed: 1);
        var model = pipeline.Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);

        var metrics = _ml.MulticlassClassification.Evaluate(scored);
        Assert.InRange(metrics.MicroAccuracy, 0.9, 1.0);
        var rows = _ml.Data.CreateEnumerable<Flower>(scored, false).ToList();
        Assert.All(rows, r => Assert.Equal(1f, r.Score.Sum(), 1e-5f));
        Assert.Contains(rows, r => r.Predicted == "virginica");
        Assert.True(rows.Count(r => r.Predicted == r.Species) >= 0.9 * rows.Count);
    }

    [Fact]
    public void Binary_outputs_score_probability_and_label_consistently()
    {
        var model = _ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [8], epochs: 30, batchSize: 16, learningRate: 0.01).Fit(Separable(400));
        var rows = _ml.Data.CreateEnumerable<BinaryScored>(model.Transform(Separable(400)), false).ToList();

        Assert.All(rows, r =>
        {
            Assert.Equal(1 / (1 + Math.Exp(-r.Score)), r.Probability, 1e-5);
            Assert.Equal(r.Probability > 0.5f, r.PredictedLabel);
        });
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(Separable(400)));
        Assert.InRange(metrics.Accuracy, 0.93, 1);
        Assert.InRange(metrics.AreaUnderRocCurve, 0.97, 1);
    }

    [Fact]
    public void Classifiers_save_and_load_with_identical_predictions()
    {
        var binary = _ml.BinaryClassification.Trainers.Dense(epochs: 3).Fit(Separable(100));
        var multiclass = _ml.Transforms.Conversion.MapValueToKey("Label", "Species")
            .Append(_ml.MulticlassClassification.Trainers.Sequential([new Dense(8, ActivationKind.ReLU), new BatchNormalization(), new Dense(3, ActivationKind.Softmax)], epochs: 3))
            .Fit(IrisData());
        foreach (var (model, data) in new (ITransformer, IDataView)[] { (binary, Separable(100)), (multiclass, IrisData()) })
        {
            using var stream = new MemoryStream();
            _ml.Model.Save(model, data.Schema, stream);
            stream.Position = 0;
            var loaded = _ml.Model.Load(stream, out _);
            Assert.Equal(model.Transform(data).Preview(200).ToString(), loaded.Transform(data).Preview(200).ToString());
        }
    }

    [Fact]
    public void The_seeds_convnet_learns_fashion_mnist_images()
    {
        var train = _ml.Data.LoadFromEnumerable(MLNet.DeepTrainers.Samples.FashionMnist.Load(MLNet.DeepTrainers.Samples.FashionMnist.DefaultFolder, train: true, limit: 2000));
        var test = _ml.Data.LoadFromEnumerable(MLNet.DeepTrainers.Samples.FashionMnist.Load(MLNet.DeepTrainers.Samples.FashionMnist.DefaultFolder, train: false, limit: 500));
        var model = _ml.MulticlassClassification.Trainers.Cnn(new CnnOptions { FeatureColumnName = "Pixels", Epochs = 3, BatchSize = 64 }).Fit(train);

        Assert.Equal(93_322, model.Model.ParameterCount);
        Assert.InRange(_ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy, 0.6, 1); // 10 classes: chance is 0.1
    }

    [Fact]
    public void A_binary_label_that_is_not_Boolean_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.Trainers.Mlp("Species", "Features").Fit(IrisData()));
        Assert.Contains("'Species'", error.Message);
        Assert.Contains("Boolean", error.Message);
    }

    [Fact]
    public void A_multiclass_label_that_is_not_a_key_names_MapValueToKey()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.Trainers.Dense("Species", "Features").Fit(IrisData()));
        Assert.Contains("MapValueToKey", error.Message);
    }

    [Fact]
    public void A_single_class_training_set_is_refused()
    {
        var oneClass = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new Point2 { Features = [i, 1], Label = true }).ToList());
        var error = Assert.Throws<InvalidOperationException>(() => _ml.BinaryClassification.Trainers.Dense().Fit(oneClass));
        Assert.Contains("both classes", error.Message);

        var setosa = _ml.Data.TakeRows(IrisData(), 10); // the file's first rows are all setosa
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label", "Species").Fit(setosa).Transform(setosa);
        Assert.Contains("at least two classes", Assert.Throws<InvalidOperationException>(() => _ml.MulticlassClassification.Trainers.Dense().Fit(keyed)).Message);
    }

    [Fact]
    public void The_output_layer_must_match_the_classes()
    {
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label", "Species").Fit(IrisData()).Transform(IrisData());
        var error = Assert.Throws<ArgumentException>(() => _ml.MulticlassClassification.Trainers.Sequential([new Dense(8), new Dense(2)]).Fit(keyed));
        Assert.Contains("index 1", error.Message);
        Assert.Contains("outputs 2 values", error.Message);
        Assert.Contains("needs 3", error.Message);
    }

    [Fact]
    public void Class_weights_shift_the_decision_towards_the_heavier_class()
    {
        SequentialModel Train(float[]? weights) => _ml.BinaryClassification.Trainers.Dense(new DenseOptions { ClassWeights = weights, Epochs = 20, Seed = 4, Optimizer = new Adam(0.05) }).Fit(Separable(400)).Model;
        var data = Separable(400);
        int Positives(float[]? weights) => _ml.Data.CreateEnumerable<BinaryScored>(
            new BinaryPredictionTransformer<SequentialModel>(Train(weights), "Features").Transform(data), false).Count(r => r.PredictedLabel);

        Assert.True(Positives([1, 20]) > Positives(null));
        Assert.True(Positives([20, 1]) < Positives(null));
        Assert.Contains("3 weights", Assert.Throws<ArgumentException>(() => Train([1, 2, 3])).Message);
    }
}
