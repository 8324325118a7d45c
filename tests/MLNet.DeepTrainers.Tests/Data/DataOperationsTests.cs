
namespace MLNet.DeepTrainers.Tests.Data;

public class DataOperationsTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Numbers(int count) =>
        _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new Point { X = i, Category = $"g{i % 10}" }).ToList());

    private List<float> Xs(IDataView data) => _ml.Data.CreateEnumerable<Point>(data, false).Select(p => p.X).ToList();

    [Fact]
    public void TrainTestSplit_partitions_the_rows_near_the_fraction_and_repeats_for_a_seed()
    {
        var data = Numbers(2000);
        var split = _ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 7);
        var train = Xs(split.TrainSet);
        var test = Xs(split.TestSet);

        Assert.Equal(2000, train.Count + test.Count);
        Assert.Empty(train.Intersect(test));
        Assert.InRange(test.Count, 340, 460); // 400 expected; ±3 standard deviations of a binomial(2000, 0.2)
        Assert.Equal(test, Xs(_ml.Data.TrainTestSplit(data, 0.2, seed: 7).TestSet));
        Assert.NotEqual(test, Xs(_ml.Data.TrainTestSplit(data, 0.2, seed: 8).TestSet));
    }

    [Fact]
    public void A_sampling_key_keeps_each_group_on_one_side()
    {
        var data = Numbers(1000);
        var split = _ml.Data.TrainTestSplit(data, 0.3, samplingKeyColumnName: "Category", seed: 3);
        var trainGroups = _ml.Data.CreateEnumerable<Point>(split.TrainSet, false).Select(p => p.Category).ToHashSet();
        var testGroups = _ml.Data.CreateEnumerable<Point>(split.TestSet, false).Select(p => p.Category).ToHashSet();

        Assert.Empty(trainGroups.Intersect(testGroups));
        Assert.Equal(10, trainGroups.Count + testGroups.Count);
    }

    [Fact]
    public void CrossValidationSplit_folds_partition_the_rows()
    {
        var data = Numbers(500);
        var folds = _ml.Data.CrossValidationSplit(data, numberOfFolds: 4, seed: 5);
        var tests = folds.Select(f => Xs(f.TestSet)).ToList();

        Assert.Equal(Enumerable.Range(0, 500).Select(i => (float)i), tests.SelectMany(t => t).Order());
        foreach (var (fold, i) in folds.Select((f, i) => (f, i)))
            Assert.Equal(500, Xs(fold.TrainSet).Count + tests[i].Count);
        Assert.All(tests, t => Assert.InRange(t.Count, 90, 160));
    }

    [Fact]
    public void ShuffleRows_is_a_seeded_permutation()
    {
        var data = Numbers(100);
        var shuffled = Xs(_ml.Data.ShuffleRows(data, seed: 2));

        Assert.Equal(Xs(data), shuffled.Order());
        Assert.NotEqual(Xs(data), shuffled);
        Assert.Equal(shuffled, Xs(_ml.Data.ShuffleRows(data, seed: 2)));
    }

    [Fact]
    public void Cache_reads_the_source_once()
    {
        int reads = 0;
        IEnumerable<Point> Source()
        {
            reads++;
            for (int i = 0; i < 5; i++)
                yield return new Point { X = i };
        }
        var cached = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(Source()));

        Assert.Equal(Xs(cached), Xs(cached));
        Assert.Equal(1, reads);
        Assert.Equal(5, cached.GetRowCount());
    }

    [Fact]
    public void TakeRows_and_SkipRows()
    {
        var data = Numbers(10);
        Assert.Equal([0f, 1f, 2f], Xs(_ml.Data.TakeRows(data, 3)));
        Assert.Equal([7f, 8f, 9f], Xs(_ml.Data.SkipRows(data, 7)));
        Assert.Equal([3f, 4f], Xs(_ml.Data.TakeRows(_ml.Data.SkipRows(data, 3), 2)));
        Assert.Empty(Xs(_ml.Data.SkipRows(data, 20)));
    }

    [Fact]
    public void Bad_split_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.TrainTestSplit(Numbers(3), testFraction: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.CrossValidationSplit(Numbers(3), numberOfFolds: 1));
        Assert.Contains("'Nope'", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.TrainTestSplit(Numbers(3), samplingKeyColumnName: "Nope")).Message);
    }
}
