using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Evaluation;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Evaluation;

/// <summary>
/// Cross-validation of a small network runs its folds side by side, each on its share of the threads;
/// the folds get the same seeds as one at a time, so the results are identical either way.
/// </summary>
public class ConcurrentFoldsTests
{
    private static IDataView Rows(MLContext ml)
    {
        var random = new Random(3);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, 120).Select(_ =>
        {
            float[] x = [(float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble()];
            return new LabeledVector { Features = x, Label = 3 * x[0] - 2 * x[1] * x[2] + 1 };
        }).ToList());
    }

    private static EstimatorChain<RegressionPredictionTransformer<SequentialModel>> SmallNetwork(MLContext ml, int epochs = 5) =>
        ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 16], DropoutRate = 0.1f, Epochs = epochs, BatchSize = 8 }));

    private static IReadOnlyList<TrainCatalogBase.CrossValidationResult<RegressionMetrics>> Folds(IEstimator<ITransformer> estimator, MLContext ml, IDataView data, int? sideBySide) =>
        CrossValidation.Run(ml, data, estimator, 4, null, 9, scored => ml.Regression.Evaluate(scored), sideBySide);

    [Fact]
    public void Folds_side_by_side_give_exactly_the_one_at_a_time_results()
    {
        var one = new MLContext(seed: 1);
        var two = new MLContext(seed: 1);
        var alone = Folds(SmallNetwork(one), one, Rows(one), sideBySide: 1);
        var together = Folds(SmallNetwork(two), two, Rows(two), sideBySide: 2);
        Assert.Equal(alone.Select(f => f.Metrics.MeanAbsoluteError), together.Select(f => f.Metrics.MeanAbsoluteError));
        Assert.Equal(alone.Select(f => f.Fold), together.Select(f => f.Fold));
        // Different folds trained differently: the comparison above compares something.
        Assert.Equal(4, alone.Select(f => f.Metrics.MeanAbsoluteError).Distinct().Count());
        // And the context goes on drawing the same seeds afterwards.
        Assert.Equal(one.NextSeed(), two.NextSeed());
    }

    [Fact]
    public void Small_networks_run_side_by_side_and_large_ones_convolutions_and_trees_do_not()
    {
        var ml = new MLContext(seed: 1);
        static bool SideBySide(IEstimator<ITransformer> estimator) => estimator is IConcurrentFolds { FoldsRunBetterSideBySide: true };
        Assert.True(SideBySide(SmallNetwork(ml)));
        // The seeds' Boston MLP: 64-64 at batch 16.
        Assert.True(SideBySide(ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [64, 64], BatchSize = 16 })));
        // The seeds' Fashion-MNIST MLP 512-512 at batch 128, and the convnet.
        Assert.False(SideBySide(ml.MulticlassClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [512, 512], BatchSize = 128 })));
        Assert.False(SideBySide(ml.MulticlassClassification.Trainers.Cnn(new CnnOptions())));
        Assert.False(SideBySide(ml.Transforms.NormalizeMinMax("Features").Append(ml.Regression.Trainers.FastTree())));
        Assert.False(SideBySide(ml.Transforms.NormalizeMinMax("Features")));
        // A chain inside a chain: its tree says no for the whole, and transforms alone say nothing.
        var treeChain = ml.Transforms.NormalizeMinMax("Features").Append(ml.Regression.Trainers.FastTree());
        Assert.False(SideBySide(new EstimatorChain<ITransformer>().Append(treeChain).Append(SmallNetwork(ml))));
        Assert.True(SideBySide(ml.Transforms.NormalizeMinMax("Features").Append(ml.Transforms.NormalizeMeanVariance("Features")).Append(SmallNetwork(ml))));
        // A GPU run is not a small CPU fit (and deciding must not look for the GPU).
        Assert.False(SideBySide(ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [16], Device = DeviceKind.Cuda })));
    }

    [Fact]
    public void A_fold_that_fails_side_by_side_throws_its_own_exception()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.CrossValidate(Rows(ml), SmallNetwork(ml, epochs: 0), numberOfFolds: 2));
        Assert.Contains("0 epochs", error.Message);
    }

    [Fact]
    public void A_fold_draws_its_seeds_from_its_own_sequence_and_leaves_the_contexts_alone()
    {
        var ml = new MLContext(seed: 5);
        var reference = new MLContext(seed: 5);
        var inside = ml.WithOwnSeeds(42, () => new[] { ml.NextSeed(), ml.NextSeed() });
        var expected = new Random(42);
        Assert.Equal(new[] { expected.Next(), expected.Next() }, inside);
        Assert.Equal(reference.NextSeed(), ml.NextSeed());
    }
}
