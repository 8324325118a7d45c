namespace MLNet.DeepTrainers.Tests.Runtime;

/// <summary>The one guarded read of ML.NET's internals: it fails here, by name, the day ML.NET moves what it reads.</summary>
public sealed class CatalogContextTests
{
    [Fact]
    public void The_catalogs_context_carries_the_seed_and_the_GPU_settings()
    {
        static object[] Catalogs(MLContext ml) => [ml.Regression.Trainers, ml.BinaryClassification.Trainers, ml.MulticlassClassification.Trainers];
        foreach (int task in new[] { 0, 1, 2 })
        {
            var context = CatalogContext.Of(Catalogs(new MLContext(seed: 5) { GpuDeviceId = 2, FallbackToCpu = true })[task]);
            Assert.Equal(2, context.GpuDeviceId);
            Assert.True(context.FallbackToCpu);
            Assert.Null(CatalogContext.Of(Catalogs(new MLContext(seed: 5))[task]).GpuDeviceId);
            // A host registered on the context draws from the context's seed, as ML.NET's own trainers' hosts do.
            int Draw(int seed) => CatalogContext.Of(Catalogs(new MLContext(seed: seed))[task]).Host("x").Rand.Next();
            Assert.Equal(Draw(5), context.Host("x").Rand.Next());
            Assert.NotEqual(Draw(5), Draw(6));
        }
    }

    [Fact]
    public void Cuda_without_a_GPU_is_an_error_or_the_CPU_with_FallbackToCpu()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.BostonFeatures(ml).Fit(Datasets.Boston(ml)).Transform(Datasets.Boston(ml));
        var error = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.Dense(new DenseOptions { LabelColumnName = "MEDV", Epochs = 1, Device = DeviceKind.Cuda }).Fit(data));
        Assert.Contains("FallbackToCpu", error.Message);
        ml.FallbackToCpu = true;
        var model = ml.Regression.Trainers.Dense(new DenseOptions { LabelColumnName = "MEDV", Epochs = 1, Device = DeviceKind.Cuda }).Fit(data);
        Assert.Single(model.Model.History.Epochs);
    }
}
