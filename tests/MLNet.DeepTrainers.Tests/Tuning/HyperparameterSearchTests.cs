using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Tuning;

namespace MLNet.DeepTrainers.Tests.Tuning;

public class HyperparameterSearchTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Wave() => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 400).Select(i => new LabeledVector
    {
        Features = [i / 400f, (i % 13) / 13f, 1],
        Label = (float)Math.Sin(i / 40.0) * 5,
    }).ToList());

    private IEstimator<ITransformer> Trees(ParameterSet p) =>
        _ml.Regression.Trainers.FastTree(numberOfLeaves: p.Get<int>("leaves"), numberOfTrees: p.Get<int>("trees"));

    [Fact]
    public void Grid_search_tries_every_combination_on_the_same_folds_and_ranks_them()
    {
        var space = new SearchSpace().Add("leaves", 2, 16).Add("trees", 5, 50);
        var result = _ml.Regression.SearchHyperparameters(Wave(), Trees, space, options: new SearchOptions { NumberOfFolds = 3, Seed = 4 });

        Assert.Equal(4, result.Candidates.Count);
        Assert.False(result.HigherIsBetter);
        Assert.Equal("leaves=16, trees=50", result.Best!.Parameters.ToString());
        Assert.True(result.Candidates.Zip(result.Candidates.Skip(1)).All(p => p.First.Mean <= p.Second.Mean));
        // The same folds as a plain cross-validation with that seed: the same numbers.
        var manual = _ml.Regression.CrossValidate(Wave(), _ml.Regression.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 50), numberOfFolds: 3, seed: 4);
        Assert.Equal(manual.Select(f => f.Metrics.MeanAbsoluteError), result.Best.FoldValues);
        Assert.NotNull(result.BestModel);
        Assert.Equal(4, result.ToComparison().Entries.Count);
    }

    [Fact]
    public void Random_search_draws_repeatably_within_its_ranges()
    {
        var space = new SearchSpace().Add("trees", 10, 20).AddRange("rate", 0.01, 0.5, logScale: true);
        IEstimator<ITransformer> Factory(ParameterSet p) => _ml.Regression.Trainers.FastTree(numberOfTrees: p.Get<int>("trees"), learningRate: p.Get<double>("rate"));
        var options = new SearchOptions { Strategy = SearchStrategy.Random, MaximumCandidates = 3, NumberOfFolds = 2, Seed = 9, RefitBest = false };

        var first = _ml.Regression.SearchHyperparameters(Wave(), Factory, space, options: options);
        var second = _ml.Regression.SearchHyperparameters(Wave(), Factory, space, options: options);

        Assert.Equal(3, first.Candidates.Count);
        Assert.Equal(first.Candidates.Select(c => c.Parameters.ToString()).Order(), second.Candidates.Select(c => c.Parameters.ToString()).Order());
        Assert.All(first.Candidates, c => Assert.InRange(c.Parameters.Get<double>("rate"), 0.01, 0.5));
        Assert.Null(first.BestModel);
    }

    [Fact]
    public void Accuracy_like_metrics_rank_higher_first()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(i => new Trainers.Trees.TreeTrainerTests.BinaryRow { Features = [i % 10, i % 7], Label = i % 10 > 4 }).ToList());
        var result = _ml.BinaryClassification.SearchHyperparameters(data, p => _ml.BinaryClassification.Trainers.FastTree(numberOfTrees: p.Get<int>("trees")),
            new SearchSpace().Add("trees", 1, 20), nameof(CalibratedBinaryClassificationMetrics.Accuracy), new SearchOptions { NumberOfFolds = 3 });
        Assert.True(result.HigherIsBetter);
        Assert.True(result.Candidates[0].Mean >= result.Candidates[1].Mean);
    }

    [Fact]
    public void A_bad_metric_or_an_empty_space_is_refused_before_any_training()
    {
        var trained = new List<SearchCandidate>();
        var options = new SearchOptions { Progress = new Recorder(trained) };
        var metric = Assert.Throws<ArgumentException>(() => _ml.Regression.SearchHyperparameters(Wave(), Trees, new SearchSpace().Add("leaves", 4).Add("trees", 3), "Accuracy", options));
        Assert.Contains("'Accuracy' is not a metric", metric.Message);
        Assert.Contains("MeanAbsoluteError", metric.Message);
        Assert.Throws<ArgumentException>(() => _ml.Regression.SearchHyperparameters(Wave(), Trees, new SearchSpace(), options: options));
        Assert.Throws<ArgumentException>(() => new SearchSpace().Add<int>("leaves"));
        Assert.Contains("random search", Assert.Throws<InvalidOperationException>(() =>
            _ml.Regression.SearchHyperparameters(Wave(), Trees, new SearchSpace().AddRange("rate", 0.1, 1), options: options)).Message);
        Assert.Contains("'trees'", Assert.Throws<KeyNotFoundException>(() => _ml.Regression.SearchHyperparameters(Wave(), Trees, new SearchSpace().Add("leaves", 4), options: options)).Message);
        Assert.Empty(trained);
    }

    [Fact]
    public void Cancelling_keeps_the_finished_candidates()
    {
        using var cancel = new CancellationTokenSource();
        var done = new List<SearchCandidate>();
        var options = new SearchOptions { NumberOfFolds = 2, CancellationToken = cancel.Token, Progress = new Recorder(done, () => cancel.Cancel()) };
        var result = _ml.Regression.SearchHyperparameters(Wave(), Trees, new SearchSpace().Add("leaves", 2, 4, 8).Add("trees", 5), options: options);

        Assert.True(result.WasCancelled);
        Assert.Single(result.Candidates);
        Assert.Null(result.BestModel);
        Assert.Contains("search cancelled", result.ToString());
    }

    [Fact]
    public void The_console_progress_prints_a_line_per_candidate()
    {
        var output = new StringWriter();
        _ml.Regression.SearchHyperparameters(Wave(), Trees, new SearchSpace().Add("leaves", 2, 4).Add("trees", 5),
            options: new SearchOptions { NumberOfFolds = 2, Progress = new ConsoleSearchProgress(output), RefitBest = false });
        Assert.Matches(@"^\[1/2\] leaves=2, trees=5: MeanAbsoluteError [\d.]+ ± [\d.]+ \([\d.]+ s\)", output.ToString());
        Assert.Contains("[2/2] leaves=4", output.ToString());
    }

    private sealed class Recorder(List<SearchCandidate> done, Action? after = null) : IProgress<SearchCandidate>
    {
        public void Report(SearchCandidate value)
        {
            done.Add(value);
            after?.Invoke();
        }
    }
}
