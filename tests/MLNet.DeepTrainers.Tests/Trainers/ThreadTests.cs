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

    [Fact]
    public void A_fits_thread_count_is_its_threads_own()
    {
        TorchRuntime.EnsureLoaded();
        Assert.True(TorchRuntime.ThreadsPerThread, "libtorch's OpenMP and MKL per-thread counts were not found in TorchSharp-cpu's libtorch_cpu");
        int here = TorchSharp.torch.get_num_threads();
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int inFit = 0;
        var fit = new Thread(() =>
        {
            using (TorchRuntime.UseThreads(here + 1, smallStep: false))
            {
                inFit = TorchSharp.torch.get_num_threads();
                holding.Set();
                release.Wait();
            }
        });
        fit.Start();
        holding.Wait();
        // Neither this thread nor one that starts using libtorch while the fit holds its setting takes it.
        int newcomer = 0;
        var other = new Thread(() => newcomer = TorchSharp.torch.get_num_threads());
        other.Start();
        other.Join();
        release.Set();
        fit.Join();
        Assert.Equal(here + 1, inFit);
        Assert.Equal(here, TorchSharp.torch.get_num_threads());
        Assert.Equal(here, newcomer);
    }
}
