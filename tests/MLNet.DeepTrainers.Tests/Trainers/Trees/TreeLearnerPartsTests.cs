using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Tests.Trainers.Trees;

/// <summary>
/// The tree learner's parts against plain loops written here: histograms (both cell layouts, the
/// four-feature steps and their remainder, several chunks, scattered rows that take the prefetching
/// path), the row partition (one piece and several), the two bin layouts, and the part runner.
/// </summary>
public class TreeLearnerPartsTests
{
    private const int Width = 7; // not a multiple of the histogram loop's four features
    private const int RowCount = 20_000; // more than two of the histogram's chunks

    // Features of many values, or (distinct > 0) of a few, as a bag of words has: then each feature has few bins.
    private static FeatureBins Bins(int rows, int width, int seed, int distinct = 0)
    {
        var random = new Random(seed);
        var features = new float[rows * width];
        for (int i = 0; i < features.Length; i++)
            features[i] = random.Next(10) == 0 ? float.NaN : distinct > 0 ? random.Next(distinct) : (float)random.NextDouble() * (i % width + 1);
        return FeatureBins.Build(features, rows, width, 255, new ParallelOptions { MaxDegreeOfParallelism = 2 });
    }

    [Fact]
    public void Feature_major_and_row_major_bins_hold_the_same_bins()
    {
        var bins = Bins(RowCount, Width, 1);
        for (int r = 0; r < RowCount; r++)
        {
            for (int f = 0; f < Width; f++)
                Assert.Equal(bins.Columns[f * RowCount + r], bins.Bins[r * Width + f]);
        }
        Assert.Contains(bins.Bins, b => b == 0); // missing values sit in bin 0
    }

    [Theory]
    [InlineData(true, 1, 0)]  // every row: the dense path
    [InlineData(true, 20, 0)] // one row in 20: scattered rows, prefetched
    [InlineData(false, 1, 0)]
    [InlineData(false, 20, 0)]
    [InlineData(true, 1, 3)]  // features of three values: a few bins each
    [InlineData(false, 20, 3)]
    public void A_histogram_holds_its_rows_sums_per_feature_and_bin(bool unitHessians, int everyNth, int distinct)
    {
        var bins = Bins(RowCount, Width, 2, distinct);
        var random = new Random(3);
        var gradients = Enumerable.Range(0, RowCount).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var hessians = Enumerable.Range(0, RowCount).Select(_ => unitHessians ? 1f : (float)random.NextDouble()).ToArray();
        var rows = Enumerable.Range(0, RowCount).Where(r => r % everyNth == 0).ToArray();
        var parts = new FeatureParts(Width, 2);
        var binCounts = bins.UpperBounds.Select(b => b.Length + 1).ToArray();
        var histograms = new LeafHistograms(bins.Bins, binCounts, parts, threads: 2);
        var histogram = histograms.Rent();
        histogram.AsSpan().Fill(new HistogramBin { Gradient = 99, Hessian = 99, Count = 99 }); // Build overwrites, whatever was there
        for (int part = 0; part < parts.Parts; part++)
            histograms.Build(part, thread: 1 - part, histogram, rows, 0, rows.Length, gradients, hessians, unitHessians);

        var expected = new HistogramBin[Width * LeafHistograms.Bins];
        foreach (int r in rows)
        {
            for (int f = 0; f < Width; f++)
            {
                ref var cell = ref expected[f * LeafHistograms.Bins + bins.Bins[r * Width + f]];
                cell.Gradient += gradients[r];
                cell.Hessian += hessians[r];
                cell.Count++;
            }
        }
        // A feature's own bins hold the sums; the cells beyond them are never read, so never written.
        for (int f = 0; f < Width; f++)
        {
            for (int i = f * LeafHistograms.Bins; i < f * LeafHistograms.Bins + binCounts[f]; i++)
            {
                Assert.Equal(expected[i].Count, histogram[i].Count);
                Assert.Equal(expected[i].Gradient, histogram[i].Gradient, 1e-3);
                Assert.Equal(expected[i].Hessian, histogram[i].Hessian, 1e-3);
            }
        }
    }

    [Theory]
    [InlineData(1_000, false)]  // one piece
    [InlineData(RowCount, true)] // one piece per thread, joined
    public void A_partition_keeps_each_side_in_order(int count, bool missingLeft)
    {
        var bins = Bins(RowCount, Width, 4);
        var rows = Enumerable.Range(0, RowCount).Where(r => r % 3 != 0).Take(count).ToArray();
        const int feature = 5, bin = 100;
        bool GoesLeft(int r)
        {
            int b = bins.Bins[r * Width + feature];
            return b == 0 ? missingLeft : b <= bin;
        }
        var expected = rows.Where(GoesLeft).Concat(rows.Where(r => !GoesLeft(r))).ToArray();
        using var runner = new PartRunner(2);
        var partition = new RowPartition(bins, runner);
        partition.Reserve(rows.Length);
        var split = new LeafSplit(feature, bin, missingLeft, 1, default, default);

        int left = partition.Apply(rows, 0, rows.Length, split);

        Assert.Equal(rows.Count(GoesLeft), left);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void The_runner_runs_every_part_once_on_its_threads_and_rethrows_a_failure()
    {
        using var runner = new PartRunner(3);
        for (int parts = 1; parts <= 7; parts++)
        {
            var runs = new int[parts];
            var threads = new int[parts];
            runner.Run(parts, (part, thread) =>
            {
                Interlocked.Increment(ref runs[part]);
                threads[part] = thread;
            });
            Assert.All(runs, n => Assert.Equal(1, n));
            Assert.All(threads, t => Assert.InRange(t, 0, runner.Threads - 1));
        }

        var error = Assert.Throws<AggregateException>(() => runner.Run(4, (part, _) =>
        {
            if (part == 2)
                throw new InvalidOperationException("part 2");
        }));
        Assert.Equal("part 2", error.InnerException!.Message);
        int done = 0;
        runner.Run(5, (_, _) => Interlocked.Increment(ref done)); // still usable after a failure
        Assert.Equal(5, done);
    }
}
