using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>ML.NET's PermutationFeatureImportance samples (docs/samples/.../Dynamic/Trainers/*/PermutationFeatureImportance.cs).</summary>
public class PermutationFeatureImportanceSamples
{
    private sealed class Data
    {
        public float Label { get; set; }
        public float Feature1 { get; set; }
        public float Feature2 { get; set; }
    }

    // The regression sample's data: label = 1·Feature1 + 2·Feature2 + uniform noise in [-0.5, 0.5).
    private static IEnumerable<Data> GenerateData(int nExamples = 10000, int seed = 1)
    {
        var rng = new Random(seed);
        for (int i = 0; i < nExamples; i++)
        {
            var data = new Data { Feature1 = (float)(rng.Next(10) * (rng.NextDouble() - 0.5)), Feature2 = (float)(rng.Next(10) * (rng.NextDouble() - 0.5)) };
            data.Label = (float)(data.Feature1 + 2 * data.Feature2 + rng.NextDouble() - 0.5);
            yield return data;
        }
    }

    [Fact]
    public void Regression_PermutationFeatureImportance_of_a_linear_network_matches_MLNETs_OLS()
    {
        // The sample trains OLS after min-max normalisation and prints the change in RMSE over 30
        // permutations: Feature2 4.009 (95% ±0.0083), Feature1 1.901 (±0.0034). A one-unit Dense layer is
        // the same linear model fitted by gradient descent; fewer permutations here, so a wider band.
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(GenerateData().ToList());
        string[] featureColumns = ["Feature1", "Feature2"];
        var pipeline = ml.Transforms.Concatenate("Features", featureColumns)
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Regression.Trainers.Sequential(new SequentialOptions { Layers = [new Dense(1)], Epochs = 15, BatchSize = 64, Optimizer = new Adam(0.05), Seed = 1 }));
        var model = pipeline.Fit(data);
        var transformedData = model.Transform(data);
        var linearPredictor = model.LastTransformer;

        var permutationMetrics = ml.Regression.PermutationFeatureImportance(linearPredictor, transformedData, permutationCount: 8);
        var rmse = permutationMetrics.Select(x => x.RootMeanSquaredError).ToArray();
        var sortedIndices = rmse.Select((m, i) => (m, i)).OrderByDescending(f => Math.Abs(f.m.Mean)).Select(f => f.i);
        Assert.Equal([1, 0], sortedIndices);
        Assert.Equal(4.009, rmse[1].Mean, 0.06);
        Assert.Equal(1.901, rmse[0].Mean, 0.04);
        Assert.Equal(8, rmse[0].Count);
        Assert.InRange(rmse[0].StandardError, 1e-5, 0.02);
        Assert.Equal(rmse[0].StandardDeviation / Math.Sqrt(8), rmse[0].StandardError, 1e-12);

        // The whole-model overload keys the same statistics by slot name (a concatenated scalar is named after its column).
        var byName = ml.Regression.PermutationFeatureImportance(model, data, permutationCount: 2);
        Assert.Equal(["Feature1", "Feature2"], byName.Keys.Order());
        Assert.Equal(rmse[1].Mean, byName["Feature2"].RootMeanSquaredError.Mean, 0.1);
    }

    private sealed class BinaryData
    {
        public bool Label { get; set; }
        [VectorType(3)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Binary_PermutationFeatureImportance_of_trees_finds_the_feature_the_label_depends_on()
    {
        // The label depends on slot 0 only, so shuffling slot 0 costs AUC and accuracy, the others nothing
        // (a tree never splits on pure noise, or barely).
        var ml = new MLContext(seed: 1);
        var rng = new Random(2);
        var rows = Enumerable.Range(0, 600).Select(_ =>
        {
            var x = new[] { (float)rng.NextDouble(), (float)rng.NextDouble(), (float)rng.NextDouble() };
            return new BinaryData { Features = x, Label = x[0] > 0.5 };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 20, numberOfLeaves: 4).Fit(data);

        var statistics = ml.BinaryClassification.PermutationFeatureImportance(model, data, permutationCount: 3);
        Assert.Equal(3, statistics.Length);
        Assert.True(statistics[0].AreaUnderRocCurve.Mean < -0.3, $"slot 0 AUC change {statistics[0].AreaUnderRocCurve.Mean}");
        Assert.True(statistics[0].Accuracy.Mean < -0.3);
        Assert.InRange(statistics[1].AreaUnderRocCurve.Mean, -0.02, 0.02);
        Assert.InRange(statistics[2].Accuracy.Mean, -0.02, 0.02);

        // numberOfExamplesToUse takes the first rows; bad arguments are refused.
        Assert.Equal(3, ml.BinaryClassification.PermutationFeatureImportance(model, data, numberOfExamplesToUse: 100).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.PermutationFeatureImportance(model, data, permutationCount: 0));
        var raw = ml.Data.LoadFromEnumerable(rows.Select(r => new { r.Label }).Select(r => new Data { Label = r.Label ? 1 : 0 }));
        Assert.Contains("'Features'", Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.PermutationFeatureImportance(model, raw)).Message);
    }

    private sealed class ClassData
    {
        public uint Label { get; set; }
        [VectorType(2)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Multiclass_PermutationFeatureImportance_reports_the_change_per_class()
    {
        var ml = new MLContext(seed: 1);
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            var x = new[] { (float)rng.NextDouble() * 3, (float)rng.NextDouble() };
            return new ClassData { Features = x, Label = (uint)x[0] };
        }).ToList();
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var model = ml.MulticlassClassification.Trainers.FastTree(numberOfTrees: 10, numberOfLeaves: 4).Fit(data);
        var statistics = ml.MulticlassClassification.PermutationFeatureImportance(model, data, permutationCount: 2);
        Assert.True(statistics[0].MicroAccuracy.Mean < -0.3);
        Assert.Equal(3, statistics[0].PerClassLogLoss.Count);
        Assert.True(statistics[0].LogLoss.Mean > statistics[1].LogLoss.Mean);
    }
}
