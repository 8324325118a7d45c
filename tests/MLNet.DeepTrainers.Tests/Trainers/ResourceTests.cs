using System.Diagnostics;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>Native memory must be released without the user disposing anything, and scoring must not allocate per row.</summary>
[Collection(nameof(ResourceTests))]
[CollectionDefinition(nameof(ResourceTests), DisableParallelization = true)]
public class ResourceTests
{
    private static IDataView Rows(MLContext ml, int count) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new LabeledVector
    {
        Features = [i % 7 / 7f, i % 3 / 3f, 1],
        Label = i % 7,
    }).ToList());

    private static long Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    [Fact]
    public void Two_hundred_fit_and_predict_cycles_grow_resident_memory_by_less_than_50_MB()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, 64);
        void Cycle()
        {
            var model = ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [32, 32], Epochs = 2, BatchSize = 16 }).Fit(data);
            _ = ml.Data.CreateEnumerable<Scored>(model.Transform(data), false).Sum(s => s.Score);
        }
        for (int i = 0; i < 20; i++)
            Cycle(); // warm up: JIT, libtorch's allocator and thread pool
        long before = Resident();
        for (int i = 0; i < 200; i++)
            Cycle();
        long growth = Resident() - before;
        Assert.True(growth < 50L << 20, $"resident memory grew by {growth >> 20} MB over 200 cycles");
    }

    [Fact]
    public void Scoring_ten_thousand_rows_allocates_nothing_per_row()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [16], Epochs = 1 }).Fit(Rows(ml, 100));
        using var stream = new MemoryStream();
        ml.Model.Save(model, Rows(ml, 1).Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        var scored = loaded.Transform(ml.Data.Cache(Rows(ml, 10_000)));

        using var cursor = scored.GetRowCursor(scored.Schema);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        float value = 0, sum = 0;
        cursor.MoveNext();
        score(ref value); // the first row builds the native predictor
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        int rows = 1;
        while (cursor.MoveNext())
        {
            score(ref value);
            sum += value;
            rows++;
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(10_000, rows);
        Assert.True(float.IsFinite(sum));
        Assert.True(allocated < 10_000, $"scoring allocated {allocated} bytes for {rows} rows");
    }

    [Fact]
    public void Training_trees_on_200000_rows_allocates_less_than_four_times_the_feature_matrix()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(2);
        var rows = Enumerable.Range(0, 200_000).Select(_ => new Wide
        {
            Features = Enumerable.Range(0, 20).Select(_ => (float)random.NextDouble()).ToArray(),
            Label = (float)random.NextDouble(),
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        long matrix = 200_000L * 20 * sizeof(float);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { NumberOfTrees = 10 }).Fit(data);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Everything allocated, not just what is live at the peak: an upper bound of the peak.
        Assert.True(allocated < 4 * matrix, $"training allocated {allocated >> 20} MB for a {matrix >> 20} MB feature matrix");
    }

    public sealed class Wide
    {
        [VectorType(20)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    public sealed class Scored
    {
        public float Score { get; set; }
    }
}
