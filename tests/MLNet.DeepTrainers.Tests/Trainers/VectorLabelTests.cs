using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Tests.Onnx;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// Labels of several values per row: multi-label classification (a vector of Booleans, sigmoid and
/// binary cross-entropy per label, as Keras's multi-label recipe) and regression on a vector label
/// (one linear output per slot). The first step is checked against a hand computation of the loss and
/// its gradient; learning against labels that follow known rules.
/// </summary>
public class VectorLabelTests
{
    public sealed class Tagged
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        [VectorType(3)] public bool[] Label { get; set; } = [];
    }

    public sealed class TwoTargets
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        [VectorType(2)] public float[] Label { get; set; } = [];
    }

    public sealed class Article
    {
        public string Topics { get; set; } = "";
        [VectorType(2)] public float[] Features { get; set; } = [];
    }

    // Three labels from two features: x0 > 0, x1 > 0, and both or neither (which no single line separates).
    private static List<Tagged> Rules(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ =>
        {
            float x0 = (float)(random.NextDouble() * 2 - 1), x1 = (float)(random.NextDouble() * 2 - 1);
            return new Tagged { Features = [x0, x1], Label = [x0 > 0, x1 > 0, x0 > 0 == x1 > 0] };
        }).ToList();
    }

    [Fact]
    public void The_first_step_is_binary_cross_entropy_averaged_over_labels_and_rows_and_its_gradient()
    {
        var ml = new MLContext(seed: 1);
        Tagged[] rows =
        [
            new() { Features = [1, 2], Label = [true, false, true] },
            new() { Features = [-1, 0.5f], Label = [false, false, true] },
            new() { Features = [3, -1], Label = [true, true, false] },
        ];
        const double Rate = 0.1;
        var model = ml.MultiLabelClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Dense(3, useBias: false, kernelInitializer: Initializer.Zeros)],
            Optimizer = new Sgd(Rate),
            Epochs = 1,
            BatchSize = 3,
            Shuffle = false,
        }).Fit(ml.Data.LoadFromEnumerable(rows)).Model;

        // At zero weights every logit is 0: each (row, label) costs ln 2, and d(loss)/d(logit) = (σ(0) - y) / (rows · labels).
        Assert.Equal(Math.Log(2), model.History.Epochs[0].TrainLoss, 6);
        var kernel = model.Weights["0.weight"].Values; // (labels, features), PyTorch's layout
        for (int label = 0; label < 3; label++)
        {
            for (int feature = 0; feature < 2; feature++)
            {
                double gradient = rows.Sum(r => (0.5 - (r.Label[label] ? 1 : 0)) * r.Features[feature]) / (3 * 3);
                Assert.Equal(-Rate * gradient, kernel[label * 2 + feature], 6);
            }
        }
    }

    [Fact]
    public void An_Mlp_learns_three_labels_at_once_and_scores_them_as_vectors()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.MultiLabelClassification.Trainers.Mlp(hiddenLayers: [16], epochs: 60, batchSize: 16, learningRate: 0.02);
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(Rules(400, 1)));
        var scored = model.Transform(ml.Data.LoadFromEnumerable(Rules(200, 2)));

        var metrics = ml.MultiLabelClassification.Evaluate(scored);
        Assert.InRange(metrics.MicroF1Score, 0.9, 1.0);
        Assert.InRange(metrics.SubsetAccuracy, 0.8, 1.0);
        Assert.InRange(metrics.PerLabelF1Score[2], 0.85, 1.0); // the rule no single line separates: the hidden layer learned it

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), scored.Schema["Score"].Type);
        Assert.Equal(new VectorDataViewType(BooleanDataViewType.Instance, 3), scored.Schema["PredictedLabel"].Type);
        var score = scored.GetColumn<float[]>("Score").First();
        var probability = scored.GetColumn<float[]>("Probability").First();
        var predicted = scored.GetColumn<bool[]>("PredictedLabel").First();
        for (int l = 0; l < 3; l++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-score[l])), probability[l], 6);
            Assert.Equal(probability[l] > 0.5f, predicted[l]);
        }
    }

    [Fact]
    public void Topics_written_as_text_become_a_Boolean_vector_label_whose_slot_names_name_the_metrics_and_survive_saving()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            float x0 = (float)(random.NextDouble() * 2 - 1), x1 = (float)(random.NextDouble() * 2 - 1);
            var topics = new List<string>();
            if (x0 > 0) topics.Add("earn");
            if (x1 > 0) topics.Add("grain");
            if (x0 + x1 > 0.5) topics.Add("trade");
            return new Article { Topics = string.Join(';', topics), Features = [x0, x1] };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.TokenizeIntoWords("TopicWords", "Topics", [';'])
            .Append(ml.Transforms.Categorical.OneHotEncoding("TopicCounts", "TopicWords", OneHotEncodingEstimator.OutputKind.Bag, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Append(ml.Transforms.Conversion.ConvertType("Label", "TopicCounts", DataKind.Boolean))
            .Append(ml.MultiLabelClassification.Trainers.Mlp(hiddenLayers: [8], epochs: 40, batchSize: 16, learningRate: 0.02));

        var model = pipeline.Fit(data);
        var metrics = ml.MultiLabelClassification.Evaluate(model.Transform(data));
        Assert.Equal(["earn", "grain", "trade"], metrics.LabelNames);
        Assert.InRange(metrics.MicroF1Score, 0.85, 1.0);

        var loaded = ml.Model.Load(new MemoryStream(ModelZip.Save(ml, model, data.Schema)), out _);
        var before = model.Transform(data).GetColumn<float[]>("Probability").ToList();
        var after = loaded.Transform(data);
        Assert.Equal(before.SelectMany(p => p), after.GetColumn<float[]>("Probability").SelectMany(p => p));
        Assert.Equal(["earn", "grain", "trade"], after.Schema["Probability"].Annotations.SlotNames);
    }

    [Fact]
    public void A_multi_label_network_exports_to_ONNX_and_onnxruntime_agrees()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rules(40, 4));
        var model = ml.MultiLabelClassification.Trainers.Mlp(hiddenLayers: [8], epochs: 2).Fit(data);
        OnnxRuntimeCheck.Compare(ml, model, data, 1e-5f, "Score", "Probability", "PredictedLabel");
    }

    [Fact]
    public void A_network_learns_a_vector_label_as_one_linear_output_per_slot()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        List<TwoTargets> Make(int count) => Enumerable.Range(0, count).Select(_ =>
        {
            float x0 = (float)(random.NextDouble() * 2 - 1), x1 = (float)(random.NextDouble() * 2 - 1);
            return new TwoTargets { Features = [x0, x1], Label = [x0 + 2 * x1, x0 * x1] };
        }).ToList();
        var train = ml.Data.LoadFromEnumerable(Make(400));
        var test = ml.Data.LoadFromEnumerable(Make(100));
        var model = ml.Regression.Trainers.Mlp(hiddenLayers: [32], epochs: 80, batchSize: 16, learningRate: 0.01).Fit(train);
        var scored = model.Transform(test);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), scored.Schema["Score"].Type);
        var metrics = ml.Regression.Evaluate(scored);
        Assert.InRange(metrics.RSquared, 0.9, 1.0); // the mean over the two outputs; the labels' spread is about 1.1 and 0.33
        Assert.InRange(model.Model.History.Epochs[^1].TrainLoss, 0, 0.02);

        var loaded = ml.Model.Load(new MemoryStream(ModelZip.Save(ml, model, train.Schema)), out _);
        Assert.Equal(scored.GetColumn<float[]>("Score").SelectMany(s => s), loaded.Transform(test).GetColumn<float[]>("Score").SelectMany(s => s));
        OnnxRuntimeCheck.Compare(ml, model, test, 1e-5f, "Score");
        var folds = ml.Regression.CrossValidate(train, ml.Regression.Trainers.Mlp(hiddenLayers: [4], epochs: 1), numberOfFolds: 2);
        Assert.All(folds, f => Assert.InRange(f.Metrics.MeanAbsoluteError, 0, 10));
    }

    [Fact]
    public void A_label_that_is_not_a_vector_of_Booleans_and_trees_on_a_vector_label_are_refused_with_the_fix()
    {
        var ml = new MLContext(seed: 1);
        var scalar = ml.Data.LoadFromEnumerable(new[] { new LabeledVector { Label = 1, Features = [1, 2, 3] } });
        var notVector = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MultiLabelClassification.Trainers.Mlp().Fit(scalar));
        Assert.Contains("'Label'", notVector.Message);
        Assert.Contains("vector of Booleans", notVector.Message);

        var vectorLabel = ml.Data.LoadFromEnumerable(new[] { new TwoTargets { Features = [1, 2], Label = [1, 2] } });
        var tree = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.FastTree().Fit(vectorLabel));
        Assert.Contains("vector", tree.Message);
        Assert.Contains("one value per row", tree.Message);

        var classWeights = Assert.Throws<ArgumentException>(() => ml.MultiLabelClassification.Trainers.Mlp(new MlpOptions { ClassWeights = [1, 2] }).Fit(ml.Data.LoadFromEnumerable(Rules(10, 1))));
        Assert.Contains("ClassWeights", classWeights.Message);
    }

    [Fact]
    public void A_missing_value_in_a_vector_label_names_its_row()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new TwoTargets { Features = [1, 2], Label = [1, 2] }, new TwoTargets { Features = [2, 1], Label = [float.NaN, 2] } });
        var error = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.Mlp(epochs: 1).Fit(data));
        Assert.Contains("row 1", error.Message);
        Assert.Contains("'Label'", error.Message);
    }

    [Fact]
    public void A_model_file_whose_label_names_do_not_match_the_outputs_fails_to_load()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rules(20, 1));
        var model = ml.MultiLabelClassification.Trainers.Dense(epochs: 1).Fit(data);
        var file = ModelZip.Of(ModelZip.Save(ml, model, data.Schema)).EditJson("stages/0/parameters.json", p => p["labelNames"] = new System.Text.Json.Nodes.JsonArray("a", "b")).ToBytes();
        Assert.Contains("2 labels", ModelZip.LoadFails(file).Message);
    }
}
