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

    [Fact]
    public void Regression_metrics_of_a_vector_label_are_scikit_learns_uniform_averages()
    {
        float[][] labels = [[3, 1], [-0.5f, 2], [2, 2.5f], [7, -1], [4.2f, 0]];
        float[][] scores = [[2.5f, 1.5f], [0, 2], [2, 1], [8, -0.5f], [4, 0.5f]];
        var data = _ml.Data.LoadFromEnumerable(labels.Select((l, i) => new VectorRegressionRow { Label = l, Score = scores[i] }).ToList());
        var metrics = _ml.Regression.Evaluate(data);

        Close(0.52, metrics.MeanAbsoluteError);
        Close(0.45399999999999996, metrics.MeanSquaredError);
        Close(0.6647870731309738, metrics.RootMeanSquaredError); // the mean of each output's RMSE, not the root of the mean MSE
        Close(0.7919031916522095, metrics.RSquared);
    }

    [Fact]
    public void Multi_label_metrics_match_scikit_learn()
    {
        bool[][] labels = [[true, false, true], [false, true, false], [true, true, false], [false, false, false], [true, false, true], [false, true, true]];
        float[][] probabilities = [[0.9f, 0.2f, 0.6f], [0.3f, 0.7f, 0.4f], [0.6f, 0.4f, 0.2f], [0.1f, 0.3f, 0.55f], [0.8f, 0.1f, 0.45f], [0.45f, 0.9f, 0.7f]];
        var data = _ml.Data.LoadFromEnumerable(labels.Select((l, i) => new MultiLabelRow
        {
            Label = l,
            Probability = probabilities[i],
            PredictedLabel = probabilities[i].Select(p => p > 0.5f).ToArray(),
        }).ToList());
        var metrics = _ml.MultiLabelClassification.Evaluate(data);

        Close(0.16666666666666666, metrics.HammingLoss);
        Close(0.5, metrics.SubsetAccuracy);
        Close(0.39784402862606233, metrics.LogLoss);
        Close(0.875, metrics.MicroPrecision);
        Close(0.7777777777777778, metrics.MicroRecall);
        Close(0.823529411764706, metrics.MicroF1Score);
        Close(0.8888888888888888, metrics.MacroPrecision);
        Close(0.7777777777777777, metrics.MacroRecall);
        Close(0.8222222222222223, metrics.MacroF1Score);
        double[] precision = [1.0, 1.0, 0.6666666666666666], recall = [1.0, 0.6666666666666666, 0.6666666666666666], f1 = [1.0, 0.8, 0.6666666666666666];
        for (int l = 0; l < 3; l++)
        {
            Close(precision[l], metrics.PerLabelPrecision[l]);
            Close(recall[l], metrics.PerLabelRecall[l]);
            Close(f1[l], metrics.PerLabelF1Score[l]);
        }
        Assert.Equal([3L, 3, 3], metrics.PerLabelSupport);
        Assert.Equal(["0", "1", "2"], metrics.LabelNames);
    }

    [Fact]
    public void A_label_never_true_nor_predicted_scores_zero_as_scikit_learns_zero_division_default()
    {
        var data = _ml.Data.LoadFromEnumerable(new[]
        {
            new MultiLabelRow { Label = [true, false, false], Probability = [0.9f, 0.1f, 0.1f], PredictedLabel = [true, false, false] },
            new MultiLabelRow { Label = [false, true, false], Probability = [0.2f, 0.8f, 0.1f], PredictedLabel = [false, true, false] },
        });
        var metrics = _ml.MultiLabelClassification.Evaluate(data);

        Assert.Equal([1.0, 1.0, 0.0], metrics.PerLabelF1Score);
        Assert.Equal(2.0 / 3, metrics.MacroF1Score, 12);
        Assert.Equal(1.0, metrics.MicroF1Score, 12);
        Assert.Equal(0.0, metrics.HammingLoss);
    }

    [Fact]
    public void Multi_label_evaluation_names_a_wrong_column_and_a_value_that_is_not_a_probability()
    {
        var wrongSize = _ml.Data.LoadFromEnumerable(new[] { new MultiLabelRow { Label = [true, false, false], Probability = [0.9f, 0.1f, 0.1f], PredictedLabel = [true, false, false] } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MultiLabelClassification.Evaluate(wrongSize, probabilityColumnName: "Label"));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("3 Single probabilities", error.Message);

        var bad = _ml.Data.LoadFromEnumerable(new[] { new MultiLabelRow { Label = [true, false, false], Probability = [0.9f, float.NaN, 0.1f], PredictedLabel = [true, false, false] } });
        var notProbability = Assert.Throws<InvalidOperationException>(() => _ml.MultiLabelClassification.Evaluate(bad));
        Assert.Contains("row 0, slot 1 of 'Probability' is NaN", notProbability.Message);
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

    public sealed class VectorRegressionRow
    {
        [VectorType(2)] public float[] Label { get; set; } = [];
        [VectorType(2)] public float[] Score { get; set; } = [];
    }

    public sealed class MultiLabelRow
    {
        [VectorType(3)] public bool[] Label { get; set; } = [];
        [VectorType(3)] public float[] Probability { get; set; } = [];
        [VectorType(3)] public bool[] PredictedLabel { get; set; } = [];
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
