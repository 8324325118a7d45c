namespace MLNet.DeepTrainers.Tests.Saving;

/// <summary>
/// Each task's pipeline saved with <c>ml.Model.Save</c> and loaded with a new MLContext (no registration
/// call) adds the same columns with the same values as the model in memory: TorchSharp in memory,
/// onnxruntime after loading, within 1e-5.
/// </summary>
public sealed class TaskSaveLoadTests
{
    [Fact]
    public void Regression_on_Boston_loads_with_the_same_Single_score()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        var model = Datasets.BostonFeatures(ml).Append(ml.Regression.Trainers.Mlp(labelColumnName: "MEDV", epochs: 10, batchSize: 16)).Fit(data);
        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);

        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        SavedModel.AssertSameColumns(expected.Schema, actual.Schema, "Score");
        SavedModel.AssertSameValues(expected, actual, "Score");
        SavedModel.AssertClose(ml.Regression.Evaluate(expected, "MEDV").MeanAbsoluteError, ml.Regression.Evaluate(actual, "MEDV").MeanAbsoluteError, "MAE");
    }

    [Fact]
    public void Binary_classification_on_breast_cancer_loads_with_the_same_score_probability_and_label()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.BreastCancer(ml);
        var model = ml.Transforms.NormalizeMeanVariance("Features").Append(ml.BinaryClassification.Trainers.Mlp(epochs: 10, hiddenLayers: [16])).Fit(data);
        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);

        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        SavedModel.AssertSameColumns(expected.Schema, actual.Schema, "Score", "Probability", "PredictedLabel");
        foreach (string column in new[] { "Score", "Probability", "PredictedLabel" })
            SavedModel.AssertSameValues(expected, actual, column);
        SavedModel.AssertClose(ml.BinaryClassification.Evaluate(expected).AreaUnderRocCurve, ml.BinaryClassification.Evaluate(actual).AreaUnderRocCurve, "AUC");
    }

    [Fact]
    public void Multiclass_on_iris_loads_with_the_same_probabilities_slot_names_and_key_label()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Iris(ml);
        var model = Datasets.IrisFeatures(ml).Append(ml.MulticlassClassification.Trainers.Mlp(epochs: 10, hiddenLayers: [16], batchSize: 8)).Fit(data);
        var (loaded, expected, actual) = LoadsTheSame(ml, model, data);
        using var _ = loaded;
        SavedModel.AssertClose(ml.MulticlassClassification.Evaluate(expected).LogLoss, ml.MulticlassClassification.Evaluate(actual).LogLoss, "log-loss");
        var names = ml.Transforms.Conversion.MapKeyToValue("Species", "PredictedLabel").Fit(actual).Transform(actual).GetColumn<string>("Species");
        Assert.Equal(["setosa", "versicolor", "virginica"], names.Distinct().Order());

        using var engine = ml.Model.CreatePredictionEngine<Datasets.IrisRow, IrisPrediction>(loaded);
        var row = ml.Data.CreateEnumerable<Datasets.IrisRow>(data, reuseRowObject: false).Last();
        var prediction = engine.Predict(row);
        var inMemory = expected.GetColumn<float[]>("Score").Last();
        for (int i = 0; i < 3; i++)
            SavedModel.AssertClose(inMemory[i], prediction.Score[i], $"Score[{i}] of one row");
        Assert.Equal(expected.GetColumn<uint>("PredictedLabel").Last(), prediction.PredictedLabel);
    }

    [Fact]
    public void A_model_reading_a_scalar_feature_column_loads_with_the_same_score()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        var model = ml.Regression.Trainers.Mlp(labelColumnName: "MEDV", featureColumnName: "LSTAT", hiddenLayers: [8], epochs: 5, batchSize: 16).Fit(data);
        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);

        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        SavedModel.AssertSameColumns(expected.Schema, actual.Schema, "Score");
        SavedModel.AssertSameValues(expected, actual, "Score");
    }

    [Fact]
    public void Multiclass_labels_keyed_by_numbers_load_with_the_same_key_values()
    {
        // ML.NET's multiclass trainer samples: a UInt32 class of 1 to 3, made a key by MapValueToKey.
        var ml = new MLContext(seed: 1);
        var points = ml.Data.LoadFromEnumerable(MLNet.DeepTrainers.Samples.TrainerSwapSample.MulticlassPoints(300));
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(epochs: 2)).Fit(points);
        LoadsTheSame(ml, model, points).Loaded.Dispose();
        var classes = ml.Transforms.Conversion.MapKeyToValue("Class", "PredictedLabel").Fit(model.Transform(points)).Transform(model.Transform(points)).GetColumn<uint>("Class");
        Assert.Equal([1u, 2u, 3u], classes.Distinct().Order());

        // Keys of the petal widths, Single values.
        var iris = Datasets.Iris(ml);
        var widths = ml.Transforms.Conversion.MapValueToKey("Width", "PetalWidth")
            .Append(ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength"))
            .Append(ml.MulticlassClassification.Trainers.Dense(labelColumnName: "Width", epochs: 1))
            .Fit(iris);
        LoadsTheSame(ml, widths, iris).Loaded.Dispose();
    }

    /// <summary>Saves and loads a multiclass model and checks the loaded one adds the same Score and PredictedLabel; the caller disposes the loaded model.</summary>
    private static (TransformerChain<ITransformer> Loaded, IDataView Expected, IDataView Actual) LoadsTheSame(MLContext ml, ITransformer model, IDataView data)
    {
        var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);
        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        SavedModel.AssertSameColumns(expected.Schema, actual.Schema, "Score", "PredictedLabel");
        SavedModel.AssertSameValues(expected, actual, "Score");
        SavedModel.AssertSameValues(expected, actual, "PredictedLabel");
        return (loaded, expected, actual);
    }

    private sealed class KeyedPoint
    {
        [KeyType(3)] public uint Label { get; set; }
        [VectorType(2)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void A_multiclass_label_without_key_values_is_refused_at_save_naming_the_column()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 30).Select(i => new KeyedPoint { Label = (uint)(i % 3), Features = [i % 3, i % 5] }));
        var model = ml.MulticlassClassification.Trainers.Dense(epochs: 1).Fit(data);
        var error = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, new MemoryStream()));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("without key values", error.Message);
        Assert.Contains("MapValueToKey", error.Message);
    }

    [Fact]
    public void A_feature_column_named_as_a_column_of_the_saved_model_is_refused_at_save_naming_it()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Iris(ml);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Species")
            .Append(ml.Transforms.Concatenate("Score", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth"))
            .Append(ml.MulticlassClassification.Trainers.Dense(featureColumnName: "Score", epochs: 1));
        var model = pipeline.Fit(data);
        var error = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, new MemoryStream()));
        Assert.Contains("'Score'", error.Message);
        Assert.Contains("CopyColumns", error.Message);
    }

    private sealed class IrisPrediction
    {
        public float[] Score = [];
        public uint PredictedLabel;
    }
}
