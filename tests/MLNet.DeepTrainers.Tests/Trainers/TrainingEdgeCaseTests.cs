using System.Collections.Immutable;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>Training and evaluation on the data an unlucky user has: awkward row counts, exploding losses, missing labels, infinities.</summary>
public class TrainingEdgeCaseTests
{
    private readonly MLContext _ml = new(seed: 2);

    private IDataView Rows(int count, Func<int, float>? label = null, Func<int, float>? x = null) =>
        _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new LabeledVector
        {
            Label = label?.Invoke(i) ?? i % 5,
            Features = [x?.Invoke(i) ?? i % 7, i % 3, 1],
        }).ToList());

    [Fact]
    public void Batch_normalization_trains_when_the_last_batch_has_one_row()
    {
        // 33 rows at batch size 32: libtorch refuses batch statistics of one row ("Expected more than 1 value per channel"); Keras trains.
        var options = new SequentialOptions { Layers = [new Dense(4), new BatchNormalization(), new Dense(1)], Epochs = 2, BatchSize = 32 };
        var model = _ml.Regression.Trainers.Sequential(options).Fit(Rows(33)).Model;
        Assert.Equal(2, model.History.Epochs.Count);
        Assert.Equal([(0, 33)], BatchPlan.Batches(33, 32, batchNormalization: true));
        Assert.Equal([(0, 32), (32, 1)], BatchPlan.Batches(33, 32, batchNormalization: false));
        Assert.Equal([(0, 2), (2, 3)], BatchPlan.Batches(5, 2, batchNormalization: true));
        Assert.Contains("at least 2 rows", Assert.Throws<InvalidOperationException>(() => BatchPlan.Batches(10, 1, batchNormalization: true)).Message);
    }

    [Fact]
    public void A_loss_that_is_not_finite_in_the_first_epoch_fails_the_fit_instead_of_returning_random_weights()
    {
        var options = new MlpOptions { HiddenLayers = [8], Epochs = 3, BatchSize = 10, Optimizer = new Sgd(learningRate: 1e12) };
        var error = Assert.Throws<InvalidOperationException>(() => _ml.Regression.Trainers.Mlp(options).Fit(Rows(100, label: i => i * 1000)));
        Assert.Matches("the loss became .* in epoch 1, batch \\d+, so no trained weights exist", error.Message);
        Assert.Contains("lower learning rate", error.Message);
    }

    [Fact]
    public void Regression_evaluation_skips_rows_whose_label_is_missing_as_MLNET_does()
    {
        var scored = _ml.Data.LoadFromEnumerable(new[]
        {
            new { Label = 1f, Score = 2f }, new { Label = float.NaN, Score = 100f }, new { Label = 3f, Score = 3f }, new { Label = 5f, Score = 2f },
        }.Select(r => new Labeled { Label = r.Label, Score = r.Score }).ToList());

        var metrics = _ml.Regression.Evaluate(scored);

        // By hand over the three labelled rows: errors 1, 0, -3; mean label 3, total sum of squares 8.
        Assert.Equal(4.0 / 3, metrics.MeanAbsoluteError, 12);
        Assert.Equal(10.0 / 3, metrics.MeanSquaredError, 12);
        Assert.Equal(1 - 10.0 / 8, metrics.RSquared, 12);
    }

    public sealed class Labeled
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }

    private static NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> Parameters(NormalizingTransformer normalizer) =>
        (NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>)normalizer.GetNormalizerModelParameters(0);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_infinite_feature_leaves_the_statistics_of_the_others_and_the_error_names_its_row(bool meanVariance)
    {
        IDataView Of(IEnumerable<int> rows, bool infinity) => _ml.Data.LoadFromEnumerable(rows.Select(i => new LabeledVector
        {
            Label = i % 5,
            Features = [infinity && i == 13 ? float.PositiveInfinity : i % 7, i % 3, 1],
        }).ToList());
        IDataView WithInfinity(bool infinity) => Of(Enumerable.Range(0, 20), infinity);
        IEstimator<ITransformer> Normalize() => meanVariance
            ? _ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            : _ml.Transforms.NormalizeMinMax("Features", fixZero: false);
        // The statistics skip non-finite values (ML.NET's mean-variance does; its min-max would take +Inf as the maximum and zero the slot).
        var finiteRows = Of(Enumerable.Range(0, 20).Where(i => i != 13), infinity: false);
        var withInfinity = Parameters((NormalizingTransformer)Normalize().Fit(WithInfinity(true)));
        var without = Parameters((NormalizingTransformer)Normalize().Fit(finiteRows));
        Assert.Equal(without.Scale[0], withInfinity.Scale[0]);
        Assert.Equal(without.Offset.FirstOrDefault(), withInfinity.Offset.FirstOrDefault()); // empty when every offset is 0
        Assert.True(withInfinity.Scale[0] > 0);

        var pipeline = Normalize().Append(_ml.Regression.Trainers.Dense(epochs: 1));
        var error = Assert.Throws<InvalidOperationException>(() => pipeline.Fit(WithInfinity(true)));
        Assert.Contains("row 13", error.Message);
    }
}
