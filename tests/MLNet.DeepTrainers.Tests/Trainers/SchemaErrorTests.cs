namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>Wrong columns fail before any work, naming the column, what was found and what is needed; bad values name their row.</summary>
public sealed class SchemaErrorTests
{
    [Fact]
    public void A_missing_feature_column_is_named_with_the_option_to_set()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.Mlp(labelColumnName: "MEDV").Fit(Datasets.Boston(ml)));
        Assert.Contains("feature column 'Features'", error.Message);
        Assert.Contains("FeatureColumnName", error.Message);
    }

    [Fact]
    public void A_binary_label_that_is_not_Boolean_is_refused_naming_its_type()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.BostonFeatures(ml).Fit(Datasets.Boston(ml)).Transform(Datasets.Boston(ml));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Dense(labelColumnName: "MEDV").Fit(data));
        Assert.Contains("'MEDV'", error.Message);
        Assert.Contains("Single", error.Message);
        Assert.Contains("Boolean", error.Message);
    }

    [Fact]
    public void A_missing_feature_value_is_named_by_row_and_slot()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 10).Select(i => new Row { Features = [i, i == 7 ? float.NaN : 1], Label = i }).ToList();
        var error = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.Dense().Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("row 7", error.Message);
        Assert.Contains("slot 1", error.Message);
        Assert.Contains("ReplaceMissingValues", error.Message);
    }

    [Fact]
    public void A_network_whose_output_does_not_fit_the_task_names_the_layer()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.IrisFeatures(ml).Fit(Datasets.Iris(ml)).Transform(Datasets.Iris(ml));
        var error = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Sequential([new Dense(8, ActivationKind.ReLU), new Dense(2)]).Fit(data));
        Assert.Contains("index 1", error.Message);
        Assert.Contains("needs 3", error.Message);
        var shape = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Sequential([new Conv2D(4, 3), new Flatten(), new Dense(3)]).Fit(data));
        Assert.Contains("Layer 0 (Conv2D)", shape.Message);
        Assert.Contains("channels, height, width", shape.Message);
    }

    [Fact]
    public void Options_out_of_range_fail_when_the_trainer_is_made()
    {
        var ml = new MLContext(seed: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.Mlp(batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.Mlp(new MlpOptions { ValidationFraction = 1.5 }));
        var loss = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.Dense(new DenseOptions { Loss = LossFunction.CategoricalCrossEntropy }));
        Assert.Contains("MeanSquaredError", loss.Message);
    }

    private sealed class Row
    {
        [VectorType(2)] public float[] Features = [];
        public float Label;
    }
}
