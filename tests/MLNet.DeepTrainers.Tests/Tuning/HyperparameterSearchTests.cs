namespace MLNet.DeepTrainers.Tests.Tuning;

/// <summary>
/// Grid and random search over ML.NET's CrossValidate: every candidate on the same folds, its numbers ML.NET's own
/// cross-validation's, ranked by the metric's direction; bad spaces, metrics and grids fail before any training.
/// </summary>
public sealed class HyperparameterSearchTests
{
    private static IEstimator<ITransformer> Pipeline(MLContext ml, ParameterSet p) => Datasets.BostonFeatures(ml).Append(ml.Regression.Trainers.Mlp(new MlpOptions
    {
        LabelColumnName = "MEDV", HiddenLayers = [p.Get<int>("units")], Optimizer = new Adam(p.Get<double>("rate")), Epochs = 4, BatchSize = 16, Seed = 3,
    }));

    [Fact]
    public void A_grid_search_ranks_every_candidate_by_MLNETs_cross_validation_on_the_same_folds()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        var space = new SearchSpace().Add("units", 8, 32).Add("rate", 0.001, 0.01);
        var seen = new List<SearchCandidate>();
        var result = ml.Regression.SearchHyperparameters(data, p => Pipeline(ml, p), space, options: new SearchOptions
        {
            NumberOfFolds = 3, LabelColumnName = "MEDV", Seed = 7, Progress = new Progress(seen.Add),
        });
        Assert.Equal(4, result.Candidates.Count);
        Assert.Equal(4, seen.Count);
        Assert.False(result.HigherIsBetter);
        Assert.Equal(result.Candidates.Select(c => c.Mean).Order(), result.Candidates.Select(c => c.Mean));
        Assert.Equal(["units=8, rate=0.001", "units=8, rate=0.01", "units=32, rate=0.001", "units=32, rate=0.01"], seen.Select(c => c.Parameters.ToString()));
        // The best candidate's numbers are what ML.NET's CrossValidate gives its pipeline on the same folds.
        var best = result.Best!;
        var folds = ml.Regression.CrossValidate(data, Pipeline(ml, best.Parameters), numberOfFolds: 3, labelColumnName: "MEDV", seed: 7);
        Assert.Equal(folds.Select(f => f.Metrics.MeanAbsoluteError), best.FoldValues);
        Assert.NotNull(result.BestModel);
        Assert.Equal(4, result.ToComparison().Entries.Count);
        Assert.StartsWith("4 candidates ranked by MeanAbsoluteError (lower is better)", result.ToString());
    }

    [Fact]
    public void A_random_search_draws_distinct_repeatable_points_from_choices_and_log_ranges_and_stops_when_cancelled()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        var space = new SearchSpace().Add("units", 8, 16).AddRange("rate", 1e-4, 1e-2, logScale: true);
        using var stop = new CancellationTokenSource();
        var options = new SearchOptions
        {
            Strategy = SearchStrategy.Random, MaximumCandidates = 3, NumberOfFolds = 2, LabelColumnName = "MEDV", Seed = 5,
            Progress = new Progress(_ => stop.Cancel()), CancellationToken = stop.Token,
        };
        var drawn = new List<ParameterSet>();
        var result = ml.Regression.SearchHyperparameters(data, p => { drawn.Add(p); return Pipeline(ml, p); }, space, options: options);
        Assert.Equal(3, drawn.Select(p => p.ToString()).Distinct().Count());
        Assert.All(drawn, p => Assert.InRange(p.Get<double>("rate"), 1e-4, 1e-2));
        Assert.True(result.WasCancelled);
        Assert.Single(result.Candidates);
        Assert.Null(result.BestModel);

        var again = new List<ParameterSet>();
        ml.Regression.SearchHyperparameters(data, p => { again.Add(p); return Pipeline(ml, p); }, space,
            options: new SearchOptions { Strategy = SearchStrategy.Random, MaximumCandidates = 3, NumberOfFolds = 2, LabelColumnName = "MEDV", Seed = 5, CancellationToken = new CancellationToken(canceled: true) });
        Assert.Equal(drawn.Select(p => p.ToString()), again.Select(p => p.ToString()));
    }

    [Fact]
    public void Bad_spaces_metrics_and_grids_fail_before_anything_trains()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Boston(ml);
        int built = 0;
        IEstimator<ITransformer> Count(ParameterSet p)
        {
            built++;
            return Pipeline(ml, p);
        }
        var metric = Assert.Throws<ArgumentException>(() => ml.Regression.SearchHyperparameters(data, Count, new SearchSpace().Add("units", 8).Add("rate", 0.01), "Accuracy"));
        Assert.Contains("'Accuracy' is not a metric of RegressionMetrics; use one of", metric.Message);
        Assert.Contains("MeanAbsoluteError", metric.Message);
        Assert.Throws<ArgumentException>(() => ml.Regression.SearchHyperparameters(data, Count, new SearchSpace()));
        var grid = Assert.Throws<InvalidOperationException>(() => ml.Regression.SearchHyperparameters(data, Count, new SearchSpace().Add("units", 8).AddRange("rate", 1e-4, 1e-2)));
        Assert.Contains("range of 'rate'", grid.Message);
        Assert.Equal(0, built);
        var name = Assert.Throws<KeyNotFoundException>(() => ml.Regression.SearchHyperparameters(data, Count, new SearchSpace().Add("units", 8)));
        Assert.Contains("no parameter 'rate'; it has 'units'", name.Message);
    }

    [Fact]
    public void The_binary_multiclass_and_multi_label_catalogs_search_on_their_own_metrics()
    {
        var ml = new MLContext(seed: 1);
        var options = new SearchOptions { NumberOfFolds = 2, Seed = 1, RefitBest = false };
        var space = new SearchSpace().Add("units", 4, 8);
        var cancer = ml.BinaryClassification.SearchHyperparameters(Datasets.BreastCancer(ml),
            p => ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [p.Get<int>("units")], epochs: 2), space, "AreaUnderRocCurve", options);
        Assert.True(cancer.HigherIsBetter);
        Assert.All(cancer.Candidates, c => Assert.InRange(c.Mean, 0.5, 1));
        var iris = ml.MulticlassClassification.SearchHyperparameters(Datasets.Iris(ml),
            p => Datasets.IrisFeatures(ml).Append(ml.MulticlassClassification.Trainers.Mlp(hiddenLayers: [p.Get<int>("units")], epochs: 2)), space, options: options);
        Assert.Equal("MicroAccuracy", iris.Metric);
        Assert.Equal(2, iris.Candidates.Count);
    }

    private sealed class Progress(Action<SearchCandidate> report) : IProgress<SearchCandidate>
    {
        public void Report(SearchCandidate value) => report(value);
    }
}
