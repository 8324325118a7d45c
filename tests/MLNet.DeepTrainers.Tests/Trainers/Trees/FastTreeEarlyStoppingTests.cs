using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Trainers.FastTree;
using Row = MLNet.DeepTrainers.Tests.Trainers.Trees.TreeTrainerTests.Row;
using BinaryRow = MLNet.DeepTrainers.Tests.Trainers.Trees.TreeTrainerTests.BinaryRow;

namespace MLNet.DeepTrainers.Tests.Trainers.Trees;

/// <summary>
/// FastTree with an early-stopping rule and <c>Fit(train, validation)</c>, checked against the
/// procedure ML.NET's FastTree documents: after each round the rule reads the validation and training
/// errors (L1 or L2 for regression, the error rate for classification), training stops when it fires,
/// and the model keeps the trees up to the best validation round. The errors here are recomputed from
/// a full run's trees through the public tree API, round by round, and fed to a fresh rule.
/// </summary>
public class FastTreeEarlyStoppingTests
{
    private const int Trees = 150;
    private readonly MLContext _ml = new(seed: 1);

    // A noisy curve: many leaves and a high learning rate overfit the noise within a few dozen rounds.
    private static Row[] Noisy(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            float x = (float)random.NextDouble() * 6, z = (float)random.NextDouble();
            return new Row { Features = [x, z], Label = (float)(Math.Sin(x) + random.NextDouble() - 0.5) };
        }).ToArray();
    }

    private static BinaryRow[] NoisyBinary(int count, int seed) =>
        Noisy(count, seed).Select(r => new BinaryRow { Features = r.Features, Label = r.Label > 0 }).ToArray();

    private static T Overfitting<T>(T options, EarlyStoppingRuleBase? rule) where T : BoostedTreeOptions
    {
        options.NumberOfTrees = Trees;
        options.NumberOfLeaves = 16;
        options.MinimumExampleCountPerLeaf = 2;
        options.LearningRate = 0.5;
        options.Seed = 3;
        options.EarlyStoppingRule = rule;
        return options;
    }

    /// <summary>Each round's error of the full model's first trees: the score is the bias plus the trees in order, as in training.</summary>
    private static float[] RoundErrors(TreeEnsembleModel full, float[][] features, float[] labels, Func<double[], float[], double> error)
    {
        var scores = features.Select(_ => full.Bias[0]).ToArray();
        var errors = new float[full.Trees.Count];
        for (int t = 0; t < full.Trees.Count; t++)
        {
            for (int r = 0; r < features.Length; r++)
                scores[r] += full.Trees[t].Evaluate(features[r]);
            errors[t] = (float)error(scores, labels);
        }
        return errors;
    }

    /// <summary>Runs a fresh rule over the rounds: the rounds kept (up to the last best) and the round it fired at.</summary>
    private static (int Kept, int Stopped) Replay(EarlyStoppingRuleBase rule, float[] validation, float[] training)
    {
        int kept = 0;
        for (int round = 0; round < validation.Length; round++)
        {
            bool stop = rule.CheckScore(validation[round], training[round], out bool best);
            if (best)
                kept = round + 1;
            if (stop)
                return (kept, round + 1);
        }
        return (kept, validation.Length);
    }

    private static double MeanAbsolute(double[] scores, float[] labels) => scores.Zip(labels, (s, y) => Math.Abs(s - y)).Average();

    private static double RootMeanSquared(double[] scores, float[] labels) => Math.Sqrt(scores.Zip(labels, (s, y) => (s - y) * (s - y)).Average());

    private static double ErrorRate(double[] scores, float[] labels) => scores.Zip(labels, (s, y) => (s > 0 ? 1 : 0) != (int)y ? 1.0 : 0).Average();

    private static void AssertPrefix(TreeEnsembleModel full, TreeEnsembleModel stopped, int kept)
    {
        Assert.Equal(kept, stopped.Trees.Count);
        for (int t = 0; t < kept; t++)
        {
            Assert.Equal(full.Trees[t].Thresholds, stopped.Trees[t].Thresholds);
            Assert.Equal(full.Trees[t].LeafValues, stopped.Trees[t].LeafValues);
        }
    }

    [Theory]
    [InlineData(EarlyStoppingMetric.L1Norm)]
    [InlineData(EarlyStoppingMetric.L2Norm)]
    public void Regression_stops_where_the_rule_fires_on_the_chosen_validation_error_and_keeps_the_best_round(EarlyStoppingMetric metric)
    {
        Row[] train = Noisy(300, 1), validation = Noisy(300, 2);
        var trainData = _ml.Data.LoadFromEnumerable(train);
        var validationData = _ml.Data.LoadFromEnumerable(validation);
        var full = _ml.Regression.Trainers.FastTree(Overfitting(new FastTreeRegressionTrainer.Options { EarlyStoppingMetric = metric }, null)).Fit(trainData).Model;
        var stopped = _ml.Regression.Trainers.FastTree(Overfitting(new FastTreeRegressionTrainer.Options { EarlyStoppingMetric = metric }, new GeneralityLossRule(0.05f)))
            .Fit(trainData, validationData).Model;

        Func<double[], float[], double> error = metric == EarlyStoppingMetric.L1Norm ? MeanAbsolute : RootMeanSquared;
        var (kept, stoppedAt) = Replay(new GeneralityLossRule(0.05f),
            RoundErrors(full, validation.Select(r => r.Features).ToArray(), validation.Select(r => r.Label).ToArray(), error),
            RoundErrors(full, train.Select(r => r.Features).ToArray(), train.Select(r => r.Label).ToArray(), error));
        Assert.InRange(stoppedAt, kept + 1, Trees - 1); // The rule fired: this data overfits, and the run stopped early.
        AssertPrefix(full, stopped, kept);
    }

    [Fact]
    public void Binary_watches_the_validation_error_rate_and_low_progress_watches_the_training_error()
    {
        BinaryRow[] train = NoisyBinary(300, 1), validation = NoisyBinary(300, 2);
        var trainData = _ml.Data.LoadFromEnumerable(train);
        var full = _ml.BinaryClassification.Trainers.FastTree(Overfitting(new FastTreeBinaryTrainer.Options(), null)).Fit(trainData).Model;
        var rule = new LowProgressRule(0.01f, windowSize: 5);
        var stopped = _ml.BinaryClassification.Trainers.FastTree(Overfitting(new FastTreeBinaryTrainer.Options(), rule))
            .Fit(trainData, _ml.Data.LoadFromEnumerable(validation)).Model;

        var (kept, stoppedAt) = Replay(new LowProgressRule(0.01f, 5),
            RoundErrors(full, validation.Select(r => r.Features).ToArray(), validation.Select(r => r.Label ? 1f : 0).ToArray(), ErrorRate),
            RoundErrors(full, train.Select(r => r.Features).ToArray(), train.Select(r => r.Label ? 1f : 0).ToArray(), ErrorRate));
        Assert.InRange(stoppedAt, 5, Trees - 1);
        AssertPrefix(full, stopped, kept);

        // The same rule object again: each run starts from a fresh copy, so the result repeats.
        var again = _ml.BinaryClassification.Trainers.FastTree(Overfitting(new FastTreeBinaryTrainer.Options(), rule))
            .Fit(trainData, _ml.Data.LoadFromEnumerable(validation)).Model;
        AssertPrefix(full, again, kept);
    }

    [Fact]
    public void Multiclass_keeps_whole_rounds_of_one_tree_per_class()
    {
        // Iris's validation error rate settles within a few rounds; three rounds without a lower one stop training.
        var iris = _ml.Data.LoadFromTextFile<ClassificationTests.Iris>(TestFiles.Data("iris.csv"), ',', hasHeader: true);
        var split = _ml.Data.TrainTestSplit(iris, testFraction: 0.5, seed: 1);
        var keys = _ml.Transforms.Conversion.MapValueToKey("Label", "Species").Fit(iris);
        var options = new FastTreeMulticlassTrainer.Options { NumberOfTrees = 60, LearningRate = 0.5, MinimumExampleCountPerLeaf = 2, EarlyStoppingRule = new ConsecutiveGeneralityLossRule(3) };
        var model = _ml.MulticlassClassification.Trainers.FastTree(options).Fit(keys.Transform(split.TrainSet), keys.Transform(split.TestSet)).Model;
        Assert.Equal(0, model.Trees.Count % 3);
        Assert.InRange(model.Trees.Count, 3, 60 * 3 - 3);
    }

    [Fact]
    public void A_rule_without_validation_data_or_mismatched_validation_data_is_refused_naming_the_fix()
    {
        var data = _ml.Data.LoadFromEnumerable(Noisy(50, 1));
        var withRule = _ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { EarlyStoppingRule = new TolerantEarlyStoppingRule() });
        Assert.Contains("Fit(trainData, validationData)", Assert.Throws<InvalidOperationException>(() => withRule.Fit(data)).Message);

        var narrow = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new LabeledVector { Features = [i, 0, 1], Label = i }).ToList());
        var error = Assert.Throws<ArgumentException>(() => withRule.Fit(data, narrow));
        Assert.Contains("validation data", error.Message);
        Assert.Contains("'Features'", error.Message);

        var empty = _ml.Data.LoadFromEnumerable(Array.Empty<Row>());
        Assert.Contains("the validation data has no rows", Assert.Throws<InvalidOperationException>(() => withRule.Fit(data, empty)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { EarlyStoppingMetric = (EarlyStoppingMetric)3 }));
    }

    [Fact]
    public void A_forest_takes_validation_data_and_ignores_it_as_ML_NETs()
    {
        var train = _ml.Data.LoadFromEnumerable(Noisy(200, 1));
        var options = new FastForestRegressionTrainer.Options { NumberOfTrees = 10, Seed = 4 };
        var plain = _ml.Regression.Trainers.FastForest(options).Fit(train).Model;
        var watched = _ml.Regression.Trainers.FastForest(options).Fit(train, _ml.Data.LoadFromEnumerable(Noisy(50, 2))).Model;
        AssertPrefix(plain, watched, 10);
    }
}
