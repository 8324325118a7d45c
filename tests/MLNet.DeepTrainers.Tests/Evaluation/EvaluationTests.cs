using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Evaluation;

/// <summary>
/// Every expected number comes from scikit-learn on the same predictions: eng/golden/evaluation_metrics.py
/// (run with /usr/bin/python3). ML.NET's own definitions are derived there from scikit-learn's values:
/// binary log-loss and entropy in bits, LogLossReduction = (prior - logloss) / prior.
/// </summary>
public class EvaluationTests
{
    private const double Relative = 1e-6;
    private readonly MLContext _ml = new(seed: 1);

    private static void Close(double expected, double actual) => Assert.Equal(expected, actual, Math.Max(Relative * Math.Abs(expected), 1e-12));

    [Fact]
    public void Regression_metrics_match_scikit_learn()
    {
        float[] labels = [3, -0.5f, 2, 7, 4.2f];
        float[] scores = [2.5f, 0, 2, 8, 4];
        var data = _ml.Data.LoadFromEnumerable(labels.Select((l, i) => new RegressionRow { Label = l, Score = scores[i] }).ToList());
        var metrics = _ml.Regression.Evaluate(data);

        Close(0.44000000000000006, metrics.MeanAbsoluteError);
        Close(0.308, metrics.MeanSquaredError);
        Close(Math.Sqrt(0.308), metrics.RootMeanSquaredError);
        Close(0.308, metrics.LossFunction);
        Close(0.9496600418410042, metrics.RSquared);
    }

    private IDataView BinaryPredictions()
    {
        bool[] labels = [true, false, true, true, false, false, true, false, true, false];
        float[] probabilities = [0.9f, 0.3f, 0.65f, 0.4f, 0.2f, 0.55f, 0.8f, 0.1f, 0.55f, 0.7f];
        return _ml.Data.LoadFromEnumerable(labels.Select((l, i) => new BinaryRow
        {
            Label = l,
            Probability = probabilities[i],
            Score = 2 * probabilities[i] - 1,
            PredictedLabel = probabilities[i] > 0.5f,
        }).ToList());
    }

    [Fact]
    public void Binary_metrics_match_scikit_learn()
    {
        var metrics = _ml.BinaryClassification.Evaluate(BinaryPredictions());

        Close(0.82, metrics.AreaUnderRocCurve); // a tied score (0.55) of a positive and a negative counts half
        Close(0.7, metrics.Accuracy);
        Close(0.6666666666666666, metrics.PositivePrecision);
        Close(0.8, metrics.PositiveRecall);
        Close(0.75, metrics.NegativePrecision);
        Close(0.6, metrics.NegativeRecall);
        Close(0.7272727272727272, metrics.F1Score);
        Close(0.8261904761904761, metrics.AreaUnderPrecisionRecallCurve);
        Close(0.7157317224040713, metrics.LogLoss);
        Close(1.0, metrics.Entropy);
        Close(0.28426827759592865, metrics.LogLossReduction);
        Assert.Equal([[4.0, 1.0], [2.0, 3.0]], metrics.ConfusionMatrix.Counts.Select(r => r.ToArray()));
    }

    [Fact]
    public void Non_calibrated_binary_metrics_need_no_probability()
    {
        var data = _ml.Transforms.DropColumns("Probability").Fit(BinaryPredictions()).Transform(BinaryPredictions());
        var metrics = _ml.BinaryClassification.EvaluateNonCalibrated(data);
        Close(0.82, metrics.AreaUnderRocCurve);
        Assert.Contains("'Probability'", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.Evaluate(data)).Message);
    }

    [Fact]
    public void Multiclass_metrics_match_scikit_learn()
    {
        uint[] labels = [1, 2, 3, 3, 2, 1, 3, 2];
        float[][] scores = [[0.7f, 0.2f, 0.1f], [0.1f, 0.6f, 0.3f], [0.2f, 0.2f, 0.6f], [0.5f, 0.3f, 0.2f], [0.3f, 0.4f, 0.3f], [0.4f, 0.5f, 0.1f], [0.1f, 0.1f, 0.8f], [0.25f, 0.35f, 0.4f]];
        var rows = labels.Select((l, i) => new MulticlassRow { Label = l, Score = scores[i], PredictedLabel = (uint)Array.IndexOf(scores[i], scores[i].Max()) + 1 });
        var metrics = _ml.MulticlassClassification.Evaluate(_ml.Data.LoadFromEnumerable(rows.ToList()), topKPredictionCount: 2);

        Close(0.7616638923060384, metrics.LogLoss);
        Close(0.625, metrics.MicroAccuracy);
        Close(0.611111111111111, metrics.MacroAccuracy);
        Close(0.875, metrics.TopKAccuracy);
        Assert.Equal(2, metrics.TopKPredictionCount);
        Close(0.625, metrics.TopKAccuracyForAllK![0]);
        Close(0.29618643658715393, metrics.LogLossReduction);
        Close(0.636482834815979, metrics.PerClassLogLoss[0]);
        Close(0.8256461024284363, metrics.PerClassLogLoss[1]);
        Close(0.7811357378959656, metrics.PerClassLogLoss[2]);
        Assert.Equal([[1.0, 1, 0], [0, 2, 1], [1, 0, 2]], metrics.ConfusionMatrix.Counts.Select(r => r.ToArray()));
        Assert.Equal([0.5, 2 / 3.0, 2 / 3.0], metrics.ConfusionMatrix.PerClassPrecision, new RoundedComparer());
        Assert.Equal([0.5, 2 / 3.0, 2 / 3.0], metrics.ConfusionMatrix.PerClassRecall, new RoundedComparer());
        Assert.Equal(3, metrics.ConfusionMatrix.NumberOfClasses);
        Assert.Contains("Recall", metrics.ConfusionMatrix.GetFormattedConfusionTable());
    }

    [Fact]
    public void A_multiclass_label_that_is_not_a_key_names_MapValueToKey()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new RegressionRow { Label = 1, Score = 1 } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.Evaluate(data));
        Assert.Contains("MapValueToKey", error.Message);
        Assert.Contains("'Label'", error.Message);
    }

    [Fact]
    public void Evaluating_no_rows_is_an_error()
    {
        var empty = _ml.Data.LoadFromEnumerable(new List<RegressionRow>());
        Assert.Contains("no rows", Assert.Throws<InvalidOperationException>(() => _ml.Regression.Evaluate(empty)).Message);
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }

    public sealed class RegressionRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }

    public sealed class BinaryRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    public sealed class MulticlassRow
    {
        [KeyType(3)] public uint Label { get; set; }
        [VectorType(3)] public float[] Score { get; set; } = [];
        [KeyType(3)] public uint PredictedLabel { get; set; }
    }
}
