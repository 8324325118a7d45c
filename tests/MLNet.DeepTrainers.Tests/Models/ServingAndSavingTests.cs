using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Models;

namespace MLNet.DeepTrainers.Tests.Models;

/// <summary>Prediction engines under several threads, and saves that leave nothing behind.</summary>
public class ServingAndSavingTests
{
    private readonly MLContext _ml = new(seed: 4);


    private (ITransformer Model, IDataView Data) Fitted()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new LabeledVector { Label = i % 9, Features = [i % 9, i % 4, i % 2] }).ToList());
        return (_ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [4], Epochs = 2 }).Fit(data), data);
    }

    // Nine distinct examples, repeated.
    private static LabeledVector Example(int i) => new() { Features = [i % 9, i % 9 % 4, i % 9 % 2] };

    [Fact]
    public void One_engine_shared_by_threads_answers_right_or_says_it_is_shared_never_wrong()
    {
        // Once: 8 threads on one engine gave 1,194 wrong answers of 4,000, silently.
        var (model, _) = Fitted();
        var expected = Enumerable.Range(0, 9).Select(i => _ml.Model.CreatePredictionEngine<LabeledVector, ScoredRow>(model).Predict(Example(i)).Score).ToArray();
        var engine = _ml.Model.CreatePredictionEngine<LabeledVector, ScoredRow>(model);
        int wrong = 0, refused = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                if (engine.Predict(Example(i)).Score != expected[i % 9])
                    Interlocked.Increment(ref wrong);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("another thread", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref refused);
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void A_pool_serves_many_threads_with_every_answer_right()
    {
        var (model, _) = Fitted();
        var expected = Enumerable.Range(0, 9).Select(i => _ml.Model.CreatePredictionEngine<LabeledVector, ScoredRow>(model).Predict(Example(i)).Score).ToArray();
        using var pool = _ml.Model.CreatePredictionEnginePool<LabeledVector, ScoredRow>(model);
        int wrong = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (pool.Predict(Example(i)).Score != expected[i % 9])
                Interlocked.Increment(ref wrong);
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void A_save_removes_the_temporary_files_of_saves_that_were_killed_and_keeps_live_ones()
    {
        var (model, data) = Fitted();
        string folder = TestFiles.ScratchFolder(), path = Path.Combine(folder, "model.zip");
        // What kill -9 during a save leaves: a temporary named after a process that no longer runs.
        string dead = Path.Combine(folder, $".model.zip.{int.MaxValue - 1}.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(folder, $".model.zip.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string other = Path.Combine(folder, $".other.zip.{int.MaxValue - 1}.{Guid.NewGuid():N}.tmp");
        foreach (var file in new[] { dead, live, other })
            File.WriteAllText(file, "partial");

        _ml.Model.Save(model, data.Schema, path);

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live)); // a save still running in this process
        Assert.True(File.Exists(other)); // another target's
        Assert.Equal([path, live, other], Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order().ToArray().OrderBy(f => f == path ? 0 : f == live ? 1 : 2));
    }

    [Fact]
    public void A_save_that_fails_half_way_leaves_the_old_file_as_it_was_and_no_temporary()
    {
        string folder = TestFiles.ScratchFolder(), path = Path.Combine(folder, "model.zip");
        File.WriteAllText(path, "the old model");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.Equal("the old model", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }
}
