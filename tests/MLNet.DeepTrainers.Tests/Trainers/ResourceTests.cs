using System.Diagnostics;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>Users never dispose tensors: the library scopes every batch and owns its networks, so memory stays flat over many fits.</summary>
[Collection(Alone.Name)]
public sealed class ResourceTests
{
    [Fact]
    public void Memory_stays_flat_over_hundreds_of_fits_and_transforms()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(1);
        // 4,096 rows of 128 features: 2 MB that each fit copies into a tensor, 400 MB over 200 fits if any copy leaked.
        var rows = Enumerable.Range(0, 4096).Select(_ => new Row { Features = [.. Enumerable.Range(0, 128).Select(_ => (float)random.NextDouble())], Label = (float)random.NextDouble() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        void FitAndScore()
        {
            var model = ml.Regression.Trainers.Mlp(hiddenLayers: [64], epochs: 1, batchSize: 1024).Fit(data);
            _ = model.Transform(data).GetColumn<float>("Score").Count();
        }
        long Resident()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }
        for (int i = 0; i < 20; i++)
            FitAndScore();
        long before = Resident();
        for (int i = 0; i < 200; i++)
            FitAndScore();
        long grown = Resident() - before;
        Assert.True(grown < 48 << 20, $"the process grew by {grown / (1 << 20)} MB over 200 fits");
    }

    private sealed class Row
    {
        [VectorType(128)] public float[] Features = [];
        public float Label;
    }
}
