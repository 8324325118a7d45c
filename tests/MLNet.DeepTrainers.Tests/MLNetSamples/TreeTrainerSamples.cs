using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>
/// ML.NET's FastTree and FastForest documentation samples (docs/samples/Microsoft.ML.Samples/Dynamic/
/// Trainers/{Regression,BinaryClassification}), done the way each sample does them, with the
/// outputs it prints. The trees are grown by a different algorithm (histogram, best-first), so the
/// metrics are not equal to the digit: each summary metric must be at least as good as ML.NET's
/// printed value less <see cref="Tolerance"/>, and the per-class precisions and recalls (which trade
/// against each other) within <see cref="TradeOffTolerance"/> of it.
/// </summary>
public class TreeTrainerSamples
{
    private const double Tolerance = 0.04;
    private const double TradeOffTolerance = 0.1;

    private sealed class RegressionPoint
    {
        public float Label { get; set; }
        [VectorType(50)] public float[] Features { get; set; } = [];
    }

    private sealed class RegressionPrediction
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }

    private sealed class BinaryPoint
    {
        public bool Label { get; set; }
        [VectorType(50)] public float[] Features { get; set; } = [];
    }

    private sealed class BinaryPrediction
    {
        public bool Label { get; set; }
        public bool PredictedLabel { get; set; }
    }

    // The samples' generators: 50 features, each the label plus uniform noise (regression) or
    // uniform, shifted by 0.03 for negatives (binary), from System.Random with the given seed.
    private static IEnumerable<RegressionPoint> RegressionPoints(int count, int seed = 0)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            float label = (float)random.NextDouble();
            yield return new RegressionPoint { Label = label, Features = Enumerable.Repeat(label, 50).Select(x => x + (float)random.NextDouble()).ToArray() };
        }
    }

    private static IEnumerable<BinaryPoint> BinaryPoints(int count, int seed = 0)
    {
        var random = new Random(seed);
        float Next() => (float)random.NextDouble();
        for (int i = 0; i < count; i++)
        {
            bool label = Next() > 0.5f;
            yield return new BinaryPoint { Label = label, Features = Enumerable.Repeat(label, 50).Select(x => x ? Next() : Next() + 0.03f).ToArray() };
        }
    }

    private static RegressionMetrics RunRegression(MLContext ml, IEstimator<ITransformer> trainer, float[] documentedScores)
    {
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(RegressionPoints(1000)));
        var test = model.Transform(ml.Data.LoadFromEnumerable(RegressionPoints(5, seed: 123)));
        var predictions = ml.Data.CreateEnumerable<RegressionPrediction>(test, reuseRowObject: false).ToList();
        Assert.Equal([0.985f, 0.155f, 0.515f, 0.566f, 0.096f], predictions.Select(p => MathF.Round(p.Label, 3)));
        for (int i = 0; i < 5; i++)
            Assert.InRange(predictions[i].Score, documentedScores[i] - 0.1f, documentedScores[i] + 0.1f);
        return ml.Regression.Evaluate(test);
    }

    private static void AssertRegression(RegressionMetrics metrics, double mae, double mse, double rmse, double rSquared)
    {
        Assert.InRange(metrics.MeanAbsoluteError, 0, mae + Tolerance);
        Assert.InRange(metrics.MeanSquaredError, 0, mse + Tolerance);
        Assert.InRange(metrics.RootMeanSquaredError, 0, rmse + Tolerance);
        Assert.InRange(metrics.RSquared, rSquared - Tolerance, 1);
    }

    [Fact]
    public void Regression_FastTree()
    {
        var ml = new MLContext(seed: 0);
        var metrics = RunRegression(ml, ml.Regression.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "Features"), [0.938f, 0.131f, 0.517f, 0.519f, 0.089f]);
        AssertRegression(metrics, 0.03, 0.00, 0.03, 0.99);
    }

    [Fact]
    public void Regression_FastTreeWithOptions()
    {
        var ml = new MLContext(seed: 0);
        var options = new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            EarlyStoppingMetric = EarlyStoppingMetric.L2Norm,
            FeatureFirstUsePenalty = 0.1,
            NumberOfTrees = 50,
        };
        var metrics = RunRegression(ml, ml.Regression.Trainers.FastTree(options), [0.950f, 0.111f, 0.475f, 0.575f, 0.093f]);
        AssertRegression(metrics, 0.03, 0.00, 0.03, 0.99);
    }

    [Fact]
    public void Regression_FastForest()
    {
        var ml = new MLContext(seed: 0);
        var metrics = RunRegression(ml, ml.Regression.Trainers.FastForest(labelColumnName: "Label", featureColumnName: "Features"), [0.864f, 0.164f, 0.470f, 0.501f, 0.138f]);
        AssertRegression(metrics, 0.06, 0.00, 0.07, 0.96);
    }

    [Fact]
    public void Regression_FastForestWithOptions()
    {
        var ml = new MLContext(seed: 0);
        var options = new FastForestRegressionTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            FeatureFraction = 0.8,
            FeatureFirstUsePenalty = 0.1,
            NumberOfTrees = 50,
        };
        var metrics = RunRegression(ml, ml.Regression.Trainers.FastForest(options), [0.866f, 0.171f, 0.470f, 0.476f, 0.140f]);
        AssertRegression(metrics, 0.06, 0.01, 0.07, 0.95);
    }

    private static CalibratedBinaryClassificationMetrics RunBinary(MLContext ml, IEstimator<ITransformer> trainer, bool[] documentedPredictions)
    {
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(BinaryPoints(1000)));
        var test = model.Transform(ml.Data.LoadFromEnumerable(BinaryPoints(500, seed: 123)));
        var predictions = ml.Data.CreateEnumerable<BinaryPrediction>(test, reuseRowObject: false).Take(5).ToList();
        Assert.Equal([true, false, true, true, false], predictions.Select(p => p.Label));
        // Four of the five documented predictions must agree: the samples' own outputs differ by one between FastForest variants.
        Assert.True(predictions.Select(p => p.PredictedLabel).Zip(documentedPredictions).Count(p => p.First == p.Second) >= 4);
        var metrics = ml.BinaryClassification.Evaluate(test);
        // The test set is the same 500 rows in every sample: ML.NET prints this header for it.
        Assert.StartsWith("TEST POSITIVE RATIO:\t0.4760 (238.0/(238.0+262.0))", metrics.ConfusionMatrix.GetFormattedConfusionTable());
        return metrics;
    }

    private static void AssertBinary(CalibratedBinaryClassificationMetrics metrics, double accuracy, double auc, double f1, double negativePrecision, double negativeRecall,
        double positivePrecision, double positiveRecall)
    {
        Assert.InRange(metrics.Accuracy, accuracy - Tolerance, 1);
        Assert.InRange(metrics.AreaUnderRocCurve, auc - Tolerance, 1);
        Assert.InRange(metrics.F1Score, f1 - Tolerance, 1);
        Assert.InRange(metrics.NegativePrecision, negativePrecision - TradeOffTolerance, negativePrecision + TradeOffTolerance);
        Assert.InRange(metrics.NegativeRecall, negativeRecall - TradeOffTolerance, negativeRecall + TradeOffTolerance);
        Assert.InRange(metrics.PositivePrecision, positivePrecision - TradeOffTolerance, positivePrecision + TradeOffTolerance);
        Assert.InRange(metrics.PositiveRecall, positiveRecall - TradeOffTolerance, positiveRecall + TradeOffTolerance);
    }

    [Fact]
    public void Binary_FastTree()
    {
        var ml = new MLContext(seed: 0);
        var metrics = RunBinary(ml, ml.BinaryClassification.Trainers.FastTree(), [true, false, true, true, false]);
        AssertBinary(metrics, 0.81, 0.91, 0.80, 0.82, 0.80, 0.79, 0.81);
    }

    [Fact]
    public void Binary_FastTreeWithOptions()
    {
        var ml = new MLContext(seed: 0);
        var options = new FastTreeBinaryTrainer.Options { EarlyStoppingMetric = EarlyStoppingMetric.L2Norm, FeatureFirstUsePenalty = 0.1, NumberOfTrees = 50 };
        var metrics = RunBinary(ml, ml.BinaryClassification.Trainers.FastTree(options), [true, false, true, true, false]);
        AssertBinary(metrics, 0.78, 0.88, 0.79, 0.83, 0.74, 0.74, 0.84);
    }

    [Fact]
    public void Binary_FastForest()
    {
        var ml = new MLContext(seed: 0);
        var metrics = RunBinary(ml, ml.BinaryClassification.Trainers.FastForest(), [true, false, true, true, false]);
        AssertBinary(metrics, 0.74, 0.83, 0.74, 0.78, 0.71, 0.71, 0.78);
    }

    [Fact]
    public void Binary_FastForestWithOptions()
    {
        var ml = new MLContext(seed: 0);
        var options = new FastForestBinaryTrainer.Options { FeatureFraction = 0.8, FeatureFirstUsePenalty = 0.1, NumberOfTrees = 50 };
        var metrics = RunBinary(ml, ml.BinaryClassification.Trainers.FastForest(options), [true, false, true, true, false]);
        AssertBinary(metrics, 0.73, 0.81, 0.73, 0.77, 0.68, 0.69, 0.78);
    }

    [Fact]
    public void ConfusionTable_is_printed_in_MLNets_layout()
    {
        // The counts and the table ML.NET's binary samples print (FastTreeWithOptions.cs), line by line.
        var matrix = new ConfusionMatrix([[185, 53], [83, 179]], ["positive", "negative"], binary: true);
        string[] expected =
        [
            "TEST POSITIVE RATIO:\t0.4760 (238.0/(238.0+262.0))",
            "Confusion table",
            "          ||======================",
            "PREDICTED || positive | negative | Recall",
            "TRUTH     ||======================",
            " positive ||      185 |       53 | 0.7773",
            " negative ||       83 |      179 | 0.6832",
            "          ||======================",
            "Precision ||   0.6903 |   0.7716 |",
        ];
        Assert.Equal(expected, matrix.GetFormattedConfusionTable().TrimEnd().Split(Environment.NewLine));
    }
}
