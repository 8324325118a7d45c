using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Trainers;
using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// Data-parallel training over libtorch's c10d (Gloo) with 2 and 3 processes on this machine's
/// loopback interface: every process is the test worker (tests/MLNet.DeepTrainers.DistributedWorker),
/// started by eng/launch.sh or directly with torchrun's variables. The yardstick is one process
/// training the same network with a batch as large as all ranks' together (PyTorch's
/// DistributedDataParallel promise): the ranks end bit-identical to each other and within 1e-5 of it.
/// One class, so its tests run one after another (they set environment variables and use ports).
/// </summary>
public class DistributedTrainingTests
{
    private static readonly string[] Variables = ["MASTER_ADDR", "MASTER_PORT", "WORLD_SIZE", "RANK", "LOCAL_RANK"];
    private static string Worker => Path.Combine(AppContext.BaseDirectory, "MLNet.DeepTrainers.DistributedWorker.dll");
    private static string Launcher => ExternalTool.Script("eng/launch.sh");

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed record Finished(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    /// <summary>Runs a process to its end (at most two minutes) with <paramref name="environment"/> set and torchrun's variables otherwise removed.</summary>
    private static Finished Run(IReadOnlyDictionary<string, string> environment, string program, params string[] arguments)
    {
        using var process = Start(environment, program, arguments);
        var clock = Stopwatch.StartNew();
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"{program} {string.Join(' ', arguments)} ran over two minutes");
        return new Finished(process.ExitCode, output, error.Result, clock.Elapsed);
    }

    private static Process Start(IReadOnlyDictionary<string, string> environment, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in Variables)
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
    }

    private static Dictionary<string, double[]> Weights(string file) => File.ReadAllLines(file)
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => parts[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    [Theory]
    [InlineData(2, 256, 16, 3, "plain")] // every step two full shares of 16
    [InlineData(3, 250, 16, 4, "plain")] // the last step 10 rows: shares of 4, 4 and 2
    [InlineData(2, 128, 16, 2, "wide")] // the gradients in two buckets, the first summed while backward goes on
    [InlineData(2, 256, 16, 3, "sharded")] // each rank holds every other block of 16 rows
    [InlineData(3, 250, 16, 4, "sharded")] // rank 0 holds 6 blocks (the last of 10 rows), ranks 1 and 2 five: the last step is rank 0's alone
    public void Ranks_end_with_identical_weights_equal_to_one_process_with_all_ranks_batch(int ranks, int rows, int batch, int epochs, string mode)
    {
        string folder = TestFiles.ScratchFolder();
        var reference = Run(new Dictionary<string, string>(), "dotnet", Worker, Path.Combine(folder, "one"), $"{rows}", $"{ranks * batch}", $"{epochs}", "60", mode);
        Assert.True(reference.ExitCode == 0, reference.Error);
        var launched = Run(new Dictionary<string, string>(), Launcher, "-n", $"{ranks}", "--port", $"{FreePort()}", "--",
            "dotnet", Worker, Path.Combine(folder, "many"), $"{rows}", $"{batch}", $"{epochs}", "60", mode);
        Assert.True(launched.ExitCode == 0, launched.Error + launched.Output);

        var texts = Enumerable.Range(0, ranks).Select(r => File.ReadAllText(Path.Combine(folder, "many", $"weights.rank{r}.txt"))).ToArray();
        Assert.All(texts, text => Assert.Equal(texts[0], text)); // bit for bit: every float written round-trip
        var expected = Weights(Path.Combine(folder, "one", "weights.rank0.txt"));
        var actual = Weights(Path.Combine(folder, "many", "weights.rank0.txt"));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
        {
            for (int i = 0; i < values.Length; i++)
                Assert.True(Math.Abs(values[i] - actual[name][i]) <= 1e-5, $"{name}[{i}]: one process {values[i]}, {ranks} processes {actual[name][i]}");
        }
        // Rank 0 alone writes the model file and reports the epochs.
        Assert.True(File.Exists(Path.Combine(folder, "many", "model.rank0.zip")));
        Assert.All(Enumerable.Range(1, ranks - 1), r => Assert.False(File.Exists(Path.Combine(folder, "many", $"model.rank{r}.zip"))));
        Assert.Contains($"[rank 0] epoch {epochs}:", launched.Output);
        Assert.DoesNotContain("[rank 1] epoch", launched.Output);
    }

    [Theory]
    [InlineData(2, "fasttree")]
    [InlineData(3, "fasttree")]
    [InlineData(2, "fasttree-sharded")] // each rank holds every other block of 7 rows
    [InlineData(3, "fasttree-sharded")] // 143 blocks: rank 0 holds 48 (the last of 6 rows), ranks 1 and 2 hold 48 and 47
    public void FastTree_on_several_ranks_grows_the_trees_of_one_process_on_all_rows(int ranks, string mode)
    {
        // Each rank bins with one process's bounds (learned from all rows, or from every rank's rows
        // gathered, all of them at this size), learns from its rows, and sums every histogram over the
        // ranks: the trees are one process's on all rows, up to the order of the sums (predictions within 1e-5).
        string folder = TestFiles.ScratchFolder();
        var reference = Run(new Dictionary<string, string>(), "dotnet", Worker, Path.Combine(folder, "one"), "1000", "7", "20", "60", mode);
        Assert.True(reference.ExitCode == 0, reference.Error);
        var launched = Run(new Dictionary<string, string>(), Launcher, "-n", $"{ranks}", "--port", $"{FreePort()}", "--",
            "dotnet", Worker, Path.Combine(folder, "many"), "1000", "7", "20", "60", mode);
        Assert.True(launched.ExitCode == 0, launched.Error + launched.Output);

        var texts = Enumerable.Range(0, ranks).Select(r => File.ReadAllText(Path.Combine(folder, "many", $"weights.rank{r}.txt"))).ToArray();
        Assert.All(texts, text => Assert.Equal(texts[0], text));
        var expected = Weights(Path.Combine(folder, "one", "weights.rank0.txt"))["scores"];
        var actual = Weights(Path.Combine(folder, "many", "weights.rank0.txt"))["scores"];
        Assert.Equal(1000, actual.Length);
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"row {i}: one process {expected[i]}, {ranks} processes {actual[i]}"));
        Assert.True(File.Exists(Path.Combine(folder, "many", "model.rank0.zip")));
        Assert.False(File.Exists(Path.Combine(folder, "many", "model.rank1.zip")));
    }

    [Fact]
    public void FastForest_on_two_ranks_grows_one_forest_as_good_as_one_processes()
    {
        // Each rank draws its own bag of its rows, so the forest is not one process's; every rank holds
        // the same one, and it predicts as one process's forest does (to within bagging's spread).
        string folder = TestFiles.ScratchFolder();
        var reference = Run(new Dictionary<string, string>(), "dotnet", Worker, Path.Combine(folder, "one"), "1000", "0", "20", "60", "fastforest");
        Assert.True(reference.ExitCode == 0, reference.Error);
        var launched = Run(new Dictionary<string, string>(), Launcher, "-n", "2", "--port", $"{FreePort()}", "--",
            "dotnet", Worker, Path.Combine(folder, "many"), "1000", "0", "20", "60", "fastforest");
        Assert.True(launched.ExitCode == 0, launched.Error + launched.Output);

        Assert.Equal(File.ReadAllText(Path.Combine(folder, "many", "weights.rank0.txt")), File.ReadAllText(Path.Combine(folder, "many", "weights.rank1.txt")));
        var one = Weights(Path.Combine(folder, "one", "weights.rank0.txt"))["scores"];
        var two = Weights(Path.Combine(folder, "many", "weights.rank0.txt"))["scores"];
        double rms = Math.Sqrt(one.Zip(two, (a, b) => (a - b) * (a - b)).Average());
        Assert.InRange(rms, 0, 0.25); // the predictions' own spread is about 1.2
    }

    [Fact]
    public void Batch_normalization_validation_early_stopping_and_a_second_fit_leave_every_rank_identical()
    {
        // Each rank normalises with its own rows' statistics, so no single-process yardstick here; what
        // must hold is that the ranks agree on everything (the averaged running statistics included)
        // and stop at the same epoch, also in a second fit over the same process group.
        string folder = TestFiles.ScratchFolder();
        var launched = Run(new Dictionary<string, string>(), Launcher, "-n", "2", "--port", $"{FreePort()}", "--",
            "dotnet", Worker, folder, "512", "16", "40", "60", "batchnorm");
        Assert.True(launched.ExitCode == 0, launched.Error + launched.Output);

        string first = File.ReadAllText(Path.Combine(folder, "weights.rank0.txt"));
        Assert.Equal(first, File.ReadAllText(Path.Combine(folder, "weights.rank1.txt")));
        Assert.Contains("running_mean", first);
        var losses = first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.StartsWith("losses ", StringComparison.Ordinal)).Split(' ').Length - 1;
        Assert.InRange(losses, 2, 40);
    }

    [Fact]
    public void A_cancellation_on_one_rank_stops_every_rank_at_the_same_step()
    {
        string folder = TestFiles.ScratchFolder();
        var launched = Run(new Dictionary<string, string>(), Launcher, "-n", "2", "--port", $"{FreePort()}", "--",
            "dotnet", Worker, folder, "4096", "16", "100000", "60", "cancel-on-rank-1");
        Assert.True(launched.ExitCode == 0, launched.Error + launched.Output);

        Assert.Equal(File.ReadAllText(Path.Combine(folder, "weights.rank0.txt")), File.ReadAllText(Path.Combine(folder, "weights.rank1.txt")));
        Assert.All(new[] { 0, 1 }, rank => Assert.StartsWith("cancelled in epoch ", File.ReadAllText(Path.Combine(folder, $"stop.rank{rank}.txt"))));
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "stop.rank0.txt")), File.ReadAllText(Path.Combine(folder, "stop.rank1.txt")));
    }

    [Theory]
    [InlineData("epochs-by-rank", "the training options")]
    [InlineData("sharded-on-rank-1", "whether each process holds its own rows (DistributedTraining.ShardedData)")]
    public void Ranks_that_train_with_different_options_all_fail_at_the_start_naming_the_difference(string mode, string difference)
    {
        var launched = Run(new Dictionary<string, string>(), Launcher, "-n", "2", "--port", $"{FreePort()}", "--",
            "dotnet", Worker, TestFiles.ScratchFolder(), "256", "16", "3", "60", mode);

        Assert.NotEqual(0, launched.ExitCode);
        Assert.Contains($"[rank 1] error: InvalidOperationException: Regression.Trainers.Sequential: rank 1 and rank 0 differ in {difference}", launched.Output);
        Assert.Contains($"[rank 0] error: InvalidOperationException: Regression.Trainers.Sequential: rank 1 and rank 0 differ in {difference}", launched.Output);
        Assert.DoesNotContain("epoch 1:", launched.Output);
    }

    [Theory]
    [InlineData("KILL")] // gone: the others see the connection close
    [InlineData("STOP")] // frozen: the others wait the timeout, never longer
    public async Task A_rank_that_dies_or_freezes_makes_the_others_fail_within_the_timeout(string signal)
    {
        const int Timeout = 5;
        int port = FreePort();
        string folder = TestFiles.ScratchFolder();
        Process Rank(int rank) => Start(new Dictionary<string, string>
        {
            ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = $"{port}", ["WORLD_SIZE"] = "2", ["RANK"] = $"{rank}", ["LOCAL_RANK"] = $"{rank}",
        }, "dotnet", Worker, folder, "4096", "16", "100000", $"{Timeout}");
        using var first = Rank(0);
        using var second = Rank(1);
        try
        {
            // Training is under way once rank 0 reports an epoch.
            var error = first.StandardError.ReadToEndAsync();
            string? line;
            while ((line = first.StandardOutput.ReadLine()) is not null && !line.StartsWith("epoch ", StringComparison.Ordinal))
            {
            }
            Assert.NotNull(line);
            var output = first.StandardOutput.ReadToEndAsync();
            using (var signaller = Process.Start("kill", ["-" + signal, $"{second.Id}"]))
                signaller.WaitForExit();
            var clock = Stopwatch.StartNew();

            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(Timeout + 10)), $"rank 0 still runs {Timeout + 10} s after rank 1 got SIG{signal}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(Timeout + 5), $"rank 0 failed {clock.Elapsed.TotalSeconds:0.0} s after rank 1 got SIG{signal}; the timeout is {Timeout} s");
            Assert.Equal(1, first.ExitCode);
            string errors = await error;
            await output;
            Assert.Contains("error: TorchException: ", errors);
            Assert.Contains("across the 2 training processes failed on rank 0 (another rank stopped, failed or took longer than the timeout of 5 s)", errors);
            Assert.DoesNotContain("frame #", errors);
        }
        finally
        {
            second.Kill();
            second.WaitForExit();
        }
    }

    [Fact]
    public void A_rank_whose_peers_never_arrive_fails_within_the_timeout()
    {
        var alone = Run(new Dictionary<string, string>
        {
            ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = $"{FreePort()}", ["WORLD_SIZE"] = "3", ["RANK"] = "0",
        }, "dotnet", Worker, TestFiles.ScratchFolder(), "256", "16", "3", "3");

        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("could not join the training processes as rank 0 of 3 (local rank 0), meeting at 127.0.0.1:", alone.Error);
        Assert.Contains("within 3 s", alone.Error);
        Assert.True(alone.Elapsed < TimeSpan.FromSeconds(3 + 6), $"took {alone.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void The_launcher_sets_torchruns_variables_prefixes_output_and_stops_everyone_when_one_fails()
    {
        var fine = Run(new Dictionary<string, string>(), Launcher, "-n", "3", "--port", "29777", "--", "bash", "-c", "echo $MASTER_ADDR:$MASTER_PORT $WORLD_SIZE $RANK $LOCAL_RANK");
        Assert.Equal(0, fine.ExitCode);
        Assert.Equal(["[rank 0] 127.0.0.1:29777 3 0 0", "[rank 1] 127.0.0.1:29777 3 1 1", "[rank 2] 127.0.0.1:29777 3 2 2"], fine.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());

        var failed = Run(new Dictionary<string, string>(), Launcher, "-n", "2", "--", "bash", "-c", "if [ $RANK = 1 ]; then exit 7; fi; sleep 60");
        Assert.Equal(7, failed.ExitCode);
        Assert.True(failed.Elapsed < TimeSpan.FromSeconds(30), $"the launcher took {failed.Elapsed.TotalSeconds:0.0} s to stop the sleeping rank");
        Assert.Contains("a process exited with status 7; stopping the others", failed.Error);

        var machines = Run(new Dictionary<string, string>(), Launcher, "-n", "2", "--nodes", "2", "--node-rank", "1", "--master", "10.0.0.1", "--", "bash", "-c", "echo $MASTER_ADDR $WORLD_SIZE $RANK $LOCAL_RANK");
        Assert.Equal(["[rank 2] 10.0.0.1 4 2 0", "[rank 3] 10.0.0.1 4 3 1"], machines.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public void FromEnvironment_is_null_without_WORLD_SIZE_and_names_a_missing_or_bad_variable()
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var name in Variables)
                Environment.SetEnvironmentVariable(name, null);
            Assert.Null(DistributedTraining.FromEnvironment());

            Environment.SetEnvironmentVariable("WORLD_SIZE", "2");
            Assert.Contains("MASTER_ADDR is not", Assert.Throws<InvalidOperationException>(() => DistributedTraining.FromEnvironment()).Message);
            Environment.SetEnvironmentVariable("MASTER_ADDR", "node0");
            Environment.SetEnvironmentVariable("MASTER_PORT", "29500");
            Assert.Contains("RANK is not", Assert.Throws<InvalidOperationException>(() => DistributedTraining.FromEnvironment()).Message);
            Environment.SetEnvironmentVariable("RANK", "one");
            Assert.Contains("RANK is 'one'", Assert.Throws<InvalidOperationException>(() => DistributedTraining.FromEnvironment()).Message);
            Environment.SetEnvironmentVariable("RANK", "2");
            Assert.Contains("rank must be from 0 to 1", Assert.Throws<ArgumentOutOfRangeException>(() => DistributedTraining.FromEnvironment()).Message);
            Environment.SetEnvironmentVariable("RANK", "1");
            var settings = DistributedTraining.FromEnvironment(TimeSpan.FromSeconds(30))!;
            Assert.Equal(("node0", 29500, 2, 1, 0, TimeSpan.FromSeconds(30)), (settings.MasterAddress, settings.MasterPort, settings.WorldSize, settings.Rank, settings.LocalRank, settings.Timeout));
        }
        finally
        {
            foreach (var (name, value) in saved)
                Environment.SetEnvironmentVariable(name, value);
        }
    }

    [Fact]
    public void Sharded_ranks_batch_their_own_rows_until_the_rank_with_the_most_has_used_them_all()
    {
        // Ranks holding 35, 20 and 0 rows at batch size 16: three steps of 16+16, 16+4 and 3 rows.
        long[] counts = [35, 20, 0];
        Assert.Equal([(0, 16, 32), (16, 16, 20), (32, 3, 3)], BatchPlan.Sharded(counts, 0, 16, batchNormalization: false).Steps);
        Assert.Equal([(0, 16, 32), (16, 4, 20), (20, 0, 3)], BatchPlan.Sharded(counts, 1, 16, batchNormalization: false).Steps);
        Assert.Equal([(0, 0, 32), (0, 0, 20), (0, 0, 3)], BatchPlan.Sharded(counts, 2, 16, batchNormalization: false).Steps);
        Assert.Equal(55, BatchPlan.Sharded(counts, 2, 16, batchNormalization: false).TotalRows);
        // Batch normalization merges a last step's single row into the one before, and cannot take a rank's one row.
        Assert.Equal([(0, 16, 32), (16, 17, 21)], BatchPlan.Sharded([33, 20], 0, 16, batchNormalization: true).Steps);
        Assert.Contains("rank 1 holds 1", Assert.Throws<InvalidOperationException>(() => BatchPlan.Sharded([35, 1], 0, 16, batchNormalization: true)).Message);
    }

    [Fact]
    public void Sharded_trees_learn_their_bounds_from_all_rows_or_from_a_sample_of_every_rank_in_proportion()
    {
        // 2^24 values at most: 1,000 rows of 6 features on 3 ranks are all sent.
        Assert.Equal(Enumerable.Range(0, 400), FeatureBins.SampleRows(400, 1000, 6));
        // Fashion-MNIST's 60,000 rows of 784 on 2 ranks: 21,399 rows fit (2^24 / 784), half of them from each rank, evenly spaced.
        var picked = FeatureBins.SampleRows(30000, 60000, 784);
        Assert.Equal(10699, picked.Length);
        Assert.Equal([0, 2, 5, 8], picked[..4]);
        Assert.Equal(29997, picked[^1]);
        Assert.True(picked.Zip(picked.Skip(1)).All(p => p.Second - p.First is 2 or 3));
        // Very wide rows: never fewer than 1,024 rows in all.
        Assert.Equal(512, FeatureBins.SampleRows(50000, 100000, 1 << 20).Length);
    }

    [Fact]
    public void The_column_digest_tells_apart_slot_names_and_classes_a_shards_own_pipeline_could_learn()
    {
        var ml = new MLContext(seed: 1);
        long Digest(params string[] colors)
        {
            var data = ml.Transforms.Categorical.OneHotEncoding("Features", "Color").Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Fit(ml.Data.LoadFromEnumerable(colors.Select(c => new ColorRow { Color = c, Label = c }).ToList()))
                .Transform(ml.Data.LoadFromEnumerable(new[] { new ColorRow { Color = "red", Label = "red" } }));
            return DataParallel.Digest(data.Schema["Features"], data.Schema["Label"]);
        }

        Assert.Equal(Digest("red", "blue"), Digest("red", "blue", "red"));
        Assert.NotEqual(Digest("red", "blue"), Digest("blue", "red")); // the same width, slots and classes in another order
        Assert.NotEqual(Digest("red", "blue"), Digest("red", "green"));
    }

    private sealed class ColorRow
    {
        public string Color { get; set; } = "";
        public string Label { get; set; } = "";
    }

    [Theory]
    [InlineData(32, 2, 1, new[] { 0, 16, 16, 16 })]
    [InlineData(10, 3, 1, new[] { 0, 4, 4, 4, 8, 2 })]
    [InlineData(1, 3, 1, new[] { 0, 1, 1, 0, 1, 0 })]
    [InlineData(7, 3, 2, new[] { 0, 3, 3, 4, 7, 0 })] // batch normalization: no share of one row
    public void A_batch_is_shared_in_consecutive_parts_as_even_as_possible(int rows, int ranks, int minimum, int[] expected)
    {
        var shares = DataParallel.Shares(rows, ranks, minimum);
        Assert.Equal(expected, shares.SelectMany(s => new[] { s.Offset, s.Rows }));
        Assert.Equal(rows, shares.Sum(s => s.Rows));
    }
}
