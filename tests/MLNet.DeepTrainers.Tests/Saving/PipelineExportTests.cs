using Microsoft.Data.Analysis;
using MLNet.DeepTrainers.Samples;
using MLNet.DeepTrainers.Tests.Trainers;

namespace MLNet.DeepTrainers.Tests.Saving;

/// <summary>
/// Whole pipelines exported with <c>ml.Model.ExportToOnnx</c> and run by onnxruntime against the pipeline in memory
/// (<see cref="ExportedModel"/>, 1e-5 relative): the samples' networks with their ML.NET stages before and after
/// them, every task, ML.NET's opset-12 operators that change at 13, and the stages that are refused.
/// </summary>
public sealed class PipelineExportTests
{
    [Fact]
    public void Boston_z_score_MLP_exports_whole_and_with_its_score_alone_from_the_features_alone()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        var model = BostonSample.ZScoreMlp(ml, epochs: 2).Fit(data);
        var scored = model.Transform(data);
        using (var all = new ExportedModel(ml, model, data))
        {
            Assert.Equal([.. House.FeatureNames, "MEDV"], all.Inputs);
            Assert.Contains("Features.output", all.Outputs);
            all.AssertSameAs(scored, data);
        }
        using var score = new ExportedModel(ml, model, data, "Score");
        Assert.Equal(House.FeatureNames, score.Inputs);
        Assert.Equal(["Score.output"], score.Outputs);
        Assert.Equal(17, score.Proto.OpsetImport.Single(o => o.Domain == "").Version);
        score.AssertSameAs(scored, data);
    }

    [Fact]
    public void Breast_cancer_networks_export_their_score_probability_and_predicted_label()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.BreastCancer(ml);
        foreach (var (name, pipeline) in BreastCancerSample.Pipelines(ml, epochs: 1).Where(p => p.Name.StartsWith("MLP")))
        {
            var model = pipeline.Fit(data);
            using var exported = new ExportedModel(ml, model, data, "Score", "Probability", "PredictedLabel");
            Assert.True(exported.Inputs.SequenceEqual(["Features"]), name);
            exported.AssertSameAs(model.Transform(data), data);
        }
    }

    [Fact]
    public void Wine_multiclass_gives_its_class_names_as_the_predicted_label_and_the_score_s_slot_names()
    {
        var ml = new MLContext(seed: 1);
        var wine = DataFrame.LoadCsv(Datasets.Path("wine.csv"));
        string[] features = [.. wine.Columns.Select(c => c.Name).Where(n => n != "class")];
        var model = WineSample.Pipelines(ml, features, epochs: 2)[0].Pipeline.Fit(wine);
        var scored = model.Transform(wine);
        using var exported = new ExportedModel(ml, model, wine, "Score", "PredictedLabel");
        Assert.Equal(features, exported.Inputs);
        exported.AssertSameAs(scored, wine);

        // ML.NET's OnnxTransformer reads the converter's names back: "Score.output" is the column Score, with the class names as slot names.
        string path = Path.Combine(Path.GetTempPath(), $"mldt-{Guid.NewGuid():N}.onnx");
        try
        {
            File.WriteAllBytes(path, exported.Bytes);
            using var applied = ml.Transforms.ApplyOnnxModel(["Score.output", "PredictedLabel.output"], features, path).Fit(wine);
            var columns = applied.Transform(wine);
            var slots = default(VBuffer<ReadOnlyMemory<char>>);
            columns.Schema["Score"].GetSlotNames(ref slots);
            Assert.Equal(["class_0", "class_1", "class_2"], slots.DenseValues().Select(s => s.ToString()));
            var names = ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored).Transform(scored).GetColumn<string>("PredictedLabel");
            Assert.Equal(names, columns.GetColumn<string[]>("PredictedLabel").Select(v => v.Single()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Iris_exports_the_MapKeyToValue_after_its_network()
    {
        var ml = new MLContext(seed: 1);
        var iris = DataFrame.LoadCsv(Datasets.Path("iris.csv"));
        var model = WineSample.IrisPipeline(ml, epochs: 2).Fit(iris);
        using var exported = new ExportedModel(ml, model, iris, "predicted_species", "Score");
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width"], exported.Inputs);
        exported.AssertSameAs(model.Transform(iris), iris);
    }

    [Fact]
    public void The_text_sample_s_pipelines_are_refused_at_their_normalization_before_a_file_is_written()
    {
        var ml = new MLContext(seed: 1);
        var sentences = ml.Data.TakeRows(Datasets.Imdb(ml), 60);
        var model = TextSample.Pipelines(ml, epochs: 1)[0].Pipeline.Fit(sentences);
        string path = Path.Combine(Path.GetTempPath(), $"mldt-{Guid.NewGuid():N}.onnx");
        var error = Assert.Throws<NotSupportedException>(() => ml.Model.ExportToOnnx(model, sentences, path));
        Assert.Contains("the pipeline's stage 0 (TextNormalizingTransformer)", error.Message);
        Assert.Contains("NormalizeText only when it keeps diacritics, punctuation and numbers", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void The_text_sample_s_networks_export_after_a_normalization_ML_NET_exports()
    {
        var ml = new MLContext(seed: 1);
        var sentences = ml.Data.TakeRows(Datasets.Imdb(ml), 80);
        var lowerCase = ml.Transforms.Text.NormalizeText("Clean", "Text", keepDiacritics: true, keepPunctuations: true, keepNumbers: true);
        var networks = TextSample.Pipelines(ml, epochs: 1, lowerCase).Where(p => !p.Name.Contains("FastTree") && !p.Name.Contains("SDCA")).ToList();
        Assert.Equal(4, networks.Count);
        foreach (var (name, pipeline) in networks)
        {
            var model = pipeline.Fit(sentences);
            using var exported = new ExportedModel(ml, model, sentences, "Score", "Probability", "PredictedLabel");
            Assert.True(exported.Inputs.SequenceEqual(["Text"]), name);
            // NormalizeText's Squeeze and Unsqueeze take their axes as an input at opset 13.
            Assert.All(exported.Proto.Graph.Node.Where(n => n.OpType is "Squeeze" or "Unsqueeze"), n => Assert.Equal(2, n.Input.Count));
            // ML.NET's tokenizer in ONNX reads one row per run.
            exported.AssertSameAs(model.Transform(sentences), sentences, oneRowAtATime: true);
        }
    }

    [Fact]
    public void ML_NET_s_numeric_stages_and_a_bag_of_keys_export_before_a_network()
    {
        var ml = new MLContext(seed: 1);
        var boston = Datasets.Boston(ml);
        var numeric = ml.Transforms.Concatenate("Measures", "CRIM", "ZN", "INDUS", "NOX", "RM", "AGE")
            .Append(ml.Transforms.ReplaceMissingValues("Measures"))
            .Append(ml.Transforms.NormalizeMinMax("Measures"))
            .Append(ml.Transforms.Conversion.ConvertType("Tax", "TAX", DataKind.Double))
            .Append(ml.Transforms.Conversion.ConvertType("Tax", outputKind: DataKind.Single))
            .Append(ml.Transforms.Categorical.OneHotEncoding("River", "CHAS"))
            .Append(ml.Transforms.CopyColumns("Copied", "Measures"))
            .Append(ml.Transforms.Concatenate("Features", "Copied", "Tax", "River"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.Regression.Trainers.Dense(labelColumnName: "MEDV", epochs: 2))
            .Fit(boston);
        using (var exported = new ExportedModel(ml, numeric, boston, "Score"))
            exported.AssertSameAs(numeric.Transform(boston), boston);

        // A bag of words as counts of keys: ML.NET's KeyToVector sums one-hot rows with ReduceSum, whose axes are an input at 13.
        var sentences = ml.Data.TakeRows(Datasets.Imdb(ml), 40);
        var keys = ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(ml.Transforms.Conversion.MapValueToKey("Keys", "Words"))
            .Append(ml.Transforms.Conversion.MapKeyToVector("Features", "Keys", outputCountVector: true))
            .Append(ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [4], epochs: 1))
            .Fit(sentences);
        using var bag = new ExportedModel(ml, keys, sentences, "Score", "PredictedLabel");
        Assert.Contains(bag.Proto.Graph.Node, n => n.OpType == "ReduceSum" && n.Input.Count == 2 && n.Attribute.All(a => a.Name != "axes"));
        bag.AssertSameAs(keys.Transform(sentences), sentences, oneRowAtATime: true);
    }

    [Fact]
    public void Fashion_MNIST_networks_export_from_the_image_column_with_a_key_label_without_key_values()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        var images = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 48).Select(i => new FashionImage
        {
            Pixels = [.. Enumerable.Range(0, 784).Select(_ => (float)random.NextDouble())],
            Label = (uint)(i % 10),
        }).ToList());
        foreach (var (name, network) in FashionMnistSample.Networks(quick: true))
        {
            var model = FashionMnistSample.Trainer(ml, network).Fit(images);
            using var exported = new ExportedModel(ml, model, images, "Score", "PredictedLabel");
            Assert.True(exported.Inputs.SequenceEqual(["Pixels"]), name);
            // No key values: the key itself, as ML.NET's converter gives keys.
            Assert.Equal(Onnx.TensorProto.Types.DataType.Uint32, (Onnx.TensorProto.Types.DataType)exported.Proto.Graph.Output.Single(o => o.Name == "PredictedLabel.output").Type.TensorType.ElemType);
            exported.AssertSameAs(model.Transform(images), images);
        }
    }

    [Fact]
    public void A_multi_label_network_exports_its_three_vectors_with_the_labels_as_slot_names()
    {
        var ml = new MLContext(seed: 1);
        var data = MultiLabelTests.Data(ml, 64, seed: 3);
        var model = ml.MultiLabelClassification.Trainers.Mlp(hiddenLayers: [8], epochs: 2).Fit(data);
        using var exported = new ExportedModel(ml, model, data, "Score", "Probability", "PredictedLabel");
        Assert.Equal(["Features"], exported.Inputs);
        foreach (string column in new[] { "Score", "Probability", "PredictedLabel" })
            Assert.Contains(exported.Proto.Graph.Node, n => n.Name == $"mlnet.{column}.SlotNames");
        exported.AssertSameAs(model.Transform(data), data);
    }

    private sealed class Measures
    {
        [VectorType(13)]
        public float[] Features = [];
    }

    [Fact]
    public void A_stage_neither_can_export_is_refused_by_position_and_type_before_the_network_and_after_it()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        // In place: ML.NET's converter would otherwise give the column before it as the column after it.
        var doubled = ml.Transforms.CustomMapping<Measures, Measures>((input, output) => output.Features = [.. input.Features.Select(f => 2 * f)], contractName: null);
        var before = ml.Transforms.Concatenate("Features", House.FeatureNames).Append(doubled)
            .Append(ml.Regression.Trainers.Dense(labelColumnName: "MEDV", epochs: 1)).Fit(data);
        var error = Assert.Throws<NotSupportedException>(() => ml.Model.ExportToOnnx(before, data, new MemoryStream()));
        Assert.Contains("the pipeline's stage 1 (CustomMappingTransformer)", error.Message);

        var after = BostonSample.ZScoreMlp(ml, epochs: 1)
            .Append(ml.Transforms.CustomMapping<Scored, RoundedScore>((input, output) => output.Rounded = MathF.Round(input.Score), contractName: null)).Fit(data);
        var stream = new MemoryStream();
        error = Assert.Throws<NotSupportedException>(() => ml.Model.ExportToOnnx(after, data, stream));
        Assert.Contains("the pipeline's stage 3 (CustomMappingTransformer)", error.Message);
        Assert.Equal(0, stream.Length);

        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Model.ExportToOnnx(after, data, stream, "Scores"));
        Assert.Contains("no column 'Scores'", unknown.Message);
    }

    [Fact]
    public void A_model_loaded_from_a_zip_is_refused_at_its_network()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        using var loaded = SavedModel.SaveAndLoad(ml, BostonSample.ZScoreMlp(ml, epochs: 1).Fit(data), data.Schema);
        var error = Assert.Throws<NotSupportedException>(() => ml.Model.ExportToOnnx(loaded, data, new MemoryStream()));
        Assert.Contains("(OnnxTransformer) runs an ONNX model inside ML.NET", error.Message);
        Assert.Contains("Export the model Fit returned", error.Message);
    }

    private sealed class Scored
    {
        public float Score;
    }

    private sealed class RoundedScore
    {
        public float Rounded;
    }
}
