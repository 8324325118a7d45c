namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// libtorch's thread count for a fit (one for a small step, the number asked for otherwise), given back
/// after. Alone, since the thread count is the whole process's.
/// </summary>
[Collection(Alone.Name)]
public sealed class ThreadTests
{
    private sealed class ThreadsSeen : TrainingCallback
    {
        public int Threads { get; private set; }

        public override void OnEpochBegin(TrainingState state) => Threads = TorchSharp.torch.get_num_threads();
    }

    private static IDataView Boston(MLContext ml) => Datasets.BostonFeatures(ml).Fit(Datasets.Boston(ml)).Transform(Datasets.Boston(ml));

    [Fact]
    public void A_small_step_trains_on_one_thread_an_asked_number_on_that_and_the_setting_comes_back()
    {
        var ml = new MLContext(seed: 1);
        var data = Boston(ml);
        TorchRuntime.EnsureLoaded();
        int before = TorchSharp.torch.get_num_threads();
        var small = new ThreadsSeen();
        ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 1, BatchSize = 16, Callbacks = [small] }).Fit(data);
        Assert.Equal(1, small.Threads);
        Assert.Equal(before, TorchSharp.torch.get_num_threads());

        var asked = new ThreadsSeen();
        ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 1, BatchSize = 16, NumberOfThreads = 3, Callbacks = [asked] }).Fit(data);
        Assert.Equal(3, asked.Threads);
        Assert.Equal(before, TorchSharp.torch.get_num_threads());
    }
}
