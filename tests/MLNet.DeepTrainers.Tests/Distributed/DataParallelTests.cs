using System.Globalization;
using MLNet.DeepTrainers.GlooWorker;

namespace MLNet.DeepTrainers.Tests.Distributed;

/// <summary>
/// Data-parallel training across real processes (<see cref="Ranks"/>, the worker's fit mode): n ranks of
/// batch B on their parts of the rows step as one process of batch n × B on all of them, since the
/// gradient of a mean over n × B rows is the mean of the n ranks' means.
/// </summary>
[Collection(Alone.Name)]
public sealed class DataParallelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ddp-").FullName;

    // The small network's gradients are one joined tensor, summed in place; the large one's are one tensor per parameter.
    [Theory]
    [InlineData(2, DataParallelFit.SmallHidden)]
    [InlineData(3, DataParallelFit.SmallHidden)]
    [InlineData(2, DataParallelFit.LargeHidden)]
    public void RanksOfBatchBStepAsOneProcessOfBatchNTimesB(int ranks, int hidden)
    {
        var results = Ranks.Launch(ranks, Enumerable.Range(0, ranks), ["fit", _directory, hidden.ToString(CultureInfo.InvariantCulture)]);
        for (int r = 0; r < ranks; r++)
            Assert.True(results[r].ExitCode == 0, $"rank {r}: {results[r].Output}");

        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(DataParallelFit.Rows(ranks, seed: 1));
        var validation = ml.Data.LoadFromEnumerable(DataParallelFit.Rows(ranks, seed: 2));
        var single = DataParallelFit.Options(ranks * DataParallelFit.Batch, seed: 7, hidden);
        single.InitialWeights = File("start-0.safetensors");
        var expected = ml.Regression.Trainers.Sequential(single).Fit(train, validation).Model;
        var start = Load("start-0.safetensors");
        var final = Load("final-0.safetensors");
        var history = System.IO.File.ReadAllLines(File("history-0.txt"));
        for (int r = 1; r < ranks; r++)
        {
            // Each rank built, adapted and biased its own network from its own seed and rows; rank 0's is the one trained.
            AssertEqual(start, Load($"start-{r}.safetensors"), 0);
            AssertEqual(final, Load($"final-{r}.safetensors"), 0);
            Assert.Equal(history, System.IO.File.ReadAllLines(File($"history-{r}.txt")));
            // Each rank asked for checkpoints and progress of its own: only rank 0's callbacks acted.
            Assert.False(System.IO.File.Exists(File($"checkpoint-{r}-1.safetensors")));
            Assert.False(System.IO.File.Exists(File($"progress-{r}.txt")));
        }
        Assert.Equal(["1", "2"], System.IO.File.ReadAllLines(File("progress-0.txt")));
        AssertEqual(final, Load("checkpoint-0-2.safetensors"), 0);
        Assert.True(start.Any(w => !w.Value.Values.SequenceEqual(final[w.Key].Values)), "training changed nothing");
        AssertEqual(expected.GetWeights(), final, 1e-5);
        var epochs = history.Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(expected.History.Epochs.Count, epochs.Count);
        foreach (var (report, values) in expected.History.Epochs.Zip(epochs))
        {
            Assert.Equal(report.Loss, values[0], 1e-4);
            Assert.Equal(report.ValidationLoss!.Value, values[2], 1e-4);
            Assert.Equal(report.ValidationMetric!.Value, values[3], 1e-4);
        }

        IReadOnlyDictionary<string, NamedTensor> Load(string name) => Weights(ml, name, hidden);
    }

    [Fact]
    public void ACancelledRankStopsEveryRankAtTheSameStepWithEqualWeights()
    {
        var results = Ranks.Launch(2, [0, 1], ["fit", _directory, DataParallelFit.SmallHidden.ToString(CultureInfo.InvariantCulture), "cancel"]);
        for (int r = 0; r < 2; r++)
            Assert.True(results[r].ExitCode == 0, $"rank {r}: {results[r].Output}");

        // Rank 1 cancelled after epoch 1, so both stopped in epoch 2 and kept the weights of epoch 1.
        Assert.Equal("cancelled on another rank in epoch 2; the model is the one after epoch 1.", System.IO.File.ReadAllText(File("stop-0.txt")));
        Assert.Equal("cancelled in epoch 2; the model is the one after epoch 1.", System.IO.File.ReadAllText(File("stop-1.txt")));
        Assert.Single(System.IO.File.ReadAllLines(File("history-0.txt")));
        Assert.Equal(System.IO.File.ReadAllLines(File("history-0.txt")), System.IO.File.ReadAllLines(File("history-1.txt")));
        var ml = new MLContext(seed: 1);
        AssertEqual(Weights(ml, "final-0.safetensors", DataParallelFit.SmallHidden), Weights(ml, "final-1.safetensors", DataParallelFit.SmallHidden), 0);
    }

    [Fact]
    public void AFitAskedToBeDistributedWithoutTorchrunsVariablesSaysWhichAreMissing()
    {
        var ml = new MLContext(seed: 1);
        var options = DataParallelFit.Options(DataParallelFit.Batch, seed: 7);
        options.Distributed = true;

        var error = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.Sequential(options).Fit(ml.Data.LoadFromEnumerable(DataParallelFit.Rows(1, seed: 1))));

        Assert.Contains("MASTER_ADDR is not set", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name) => Path.Combine(_directory, name);

    /// <summary>The weights a rank saved in <paramref name="name"/>, read by a fit of no epochs that starts from them.</summary>
    private IReadOnlyDictionary<string, NamedTensor> Weights(MLContext ml, string name, int hidden)
    {
        var options = DataParallelFit.Options(DataParallelFit.Batch, seed: 7, hidden);
        options.InitialWeights = File(name);
        options.Epochs = 0;
        return ml.Regression.Trainers.Sequential(options).Fit(ml.Data.LoadFromEnumerable(DataParallelFit.Rows(1, seed: 1))).Model.GetWeights();
    }

    private static void AssertEqual(IReadOnlyDictionary<string, NamedTensor> expected, IReadOnlyDictionary<string, NamedTensor> actual, double tolerance)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, weight) in expected)
        {
            var difference = weight.Values.Zip(actual[name].Values, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(difference <= tolerance, $"{name} differs by {difference}");
        }
    }
}
