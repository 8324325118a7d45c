using MLNet.DeepTrainers.Tests.Saving;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// Bags of words (ML.NET hands their rows as sparse VBuffers) stay sparse from the cursor until a batch is
/// made dense: a 2^20-slot bag trains in a few hundred MB, and sparse rows train, validate, score and save
/// as the same rows given dense (within 1e-5). Alone: one test measures the process's peak memory.
/// </summary>
[Collection(Alone.Name)]
public sealed class SparseFeaturesTests
{
    [Fact]
    public void A_bag_of_2_to_the_20_slots_trains_an_MLP_in_a_few_hundred_MB()
    {
        var ml = new MLContext(seed: 1);
        var messages = ml.Data.TakeRows(Datasets.Sms(ml), 2000);
        var bag = ml.Transforms.Text.ProduceHashedWordBags("Features", "Text", numberOfBits: 20).Fit(messages).Transform(messages);
        var trainer = ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [8], Epochs = 1, Seed = 1 });
        // libtorch, ML.NET's text transforms and the JIT loaded before measuring.
        _ = trainer.Fit(ml.Data.TakeRows(bag, 64)).Model;

        long start = ResetPeakResident();
        var model = trainer.Fit(bag).Model;
        long grown = PeakResident() - start;

        // What training needs: 2^20 × 8 + 81 weights (33.6 MB), their gradients, Adam's two moments and the
        // loop's copy of the last good epoch's weights (5 × 33.6 MB, with a second copy during its swap:
        // 202 MB); a batch of 32 rows made dense (128 MB) and its standardised copy that the backward pass
        // keeps (128 MB). 458 MB (measured: 467 MB), and 150 MB for everything else; the 2,000 rows dense would take 8 GiB.
        Assert.True(grown < 608L << 20, $"training grew the process's peak memory by {grown >> 20} MB");
        Assert.True(double.IsFinite(Assert.Single(model.History.Epochs).Loss));
    }

    /// <summary>Resets the kernel's peak resident set size of this process to the current one (Linux 4.0's clear_refs "5"), and returns it.</summary>
    private static long ResetPeakResident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        return PeakResident();
    }

    /// <summary>VmHWM: the peak resident set size, in bytes.</summary>
    private static long PeakResident() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;

    [Fact]
    public void Rows_are_held_sparse_only_while_mostly_zeros_and_dense_when_small()
    {
        VBuffer<float> Sparse(int width, params int[] slots) => new(width, slots.Length, [.. slots.Select(s => s + 0.5f)], slots);

        // 2^20 slots, 3 stored values a row: sparse (dense they would take 400 MB).
        var bag = new FeatureRowsBuilder(1 << 20, "Features", "test");
        for (int r = 0; r < 100; r++)
            bag.Add(Sparse(1 << 20, r, 1000 + r, 1 << 19));
        var (dense, sparse) = bag.Build();
        Assert.Null(dense);
        Assert.Equal(100, sparse!.Rows);
        Assert.Equal([5, 1005, 1 << 19], sparse.Slots.Skip(15).Take(3));
        Assert.Equal(300, sparse.Starts[^1]);

        // The same rows of 2^10 slots: 400 KB dense, so dense, with the same values.
        var small = new FeatureRowsBuilder(1 << 10, "Features", "test");
        for (int r = 0; r < 100; r++)
            small.Add(Sparse(1 << 10, r, 200 + r, 1 << 9));
        var (smallDense, smallSparse) = small.Build();
        Assert.Null(smallSparse);
        Assert.Equal(100 << 10, smallDense!.Length);
        Assert.Equal([5.5f, 205.5f, 512.5f], new[] { smallDense[(5 << 10) + 5], smallDense[(5 << 10) + 205], smallDense[(5 << 10) + 512] });

        // Sparse rows, then rows more than half full: dense from there on, the first rows kept.
        var mixed = new FeatureRowsBuilder(1 << 20, "Features", "test");
        mixed.Add(Sparse(1 << 20, 7));
        mixed.Add(new VBuffer<float>(1 << 20, Enumerable.Repeat(1f, 1 << 20).ToArray()));
        var (mixedDense, mixedSparse) = mixed.Build();
        Assert.Null(mixedSparse);
        Assert.Equal(2 << 20, mixedDense!.Length);
        Assert.Equal(7.5f, mixedDense[7]);
        Assert.Equal(1, mixedDense.Take(1 << 20).Count(v => v != 0));
        Assert.True(mixedDense.Skip(1 << 20).All(v => v == 1));
    }

    [Fact]
    public void Sparse_rows_train_validate_score_and_save_as_the_same_rows_given_dense()
    {
        var ml = new MLContext(seed: 1);
        // 1,200 messages in 2^14 slots: 79 MB dense, more than the trainer makes dense itself, so the bag is trained sparse.
        var messages = ml.Data.TakeRows(Datasets.Sms(ml), 1200);
        var bag = ml.Transforms.Text.ProduceHashedWordBags("Features", "Text", numberOfBits: 14).Fit(messages).Transform(messages);
        var rows = ml.Data.CreateEnumerable<BagRow>(bag, reuseRowObject: false).ToList();
        var definition = SchemaDefinition.Create(typeof(BagRow));
        definition["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1 << 14);
        var dense = ml.Data.LoadFromEnumerable(rows, definition);

        DeepPredictionTransformer Fit(IDataView data) => ml.BinaryClassification.Trainers.Mlp(new MlpOptions
        {
            HiddenLayers = [8], Epochs = 1, ValidationFraction = 0.25, Seed = 3,
        }).Fit(data);
        var fromSparse = Fit(bag);
        var fromDense = Fit(dense);

        // Standardised as the same rows given dense (statistics over the sparse rows in float64, over the dense ones by var_mean).
        Assert.IsType<Normalization>(fromSparse.Model.Layers[0]);
        var sparseWeights = fromSparse.Model.GetWeights();
        var denseWeights = fromDense.Model.GetWeights();
        foreach (string name in new[] { "0.mean", "0.variance" })
        {
            for (int i = 0; i < 1 << 14; i++)
                SavedModel.AssertClose(denseWeights[name].Values[i], sparseWeights[name].Values[i], $"{name}[{i}]");
        }
        var sparseEpoch = fromSparse.Model.History.Epochs.Single();
        var denseEpoch = fromDense.Model.History.Epochs.Single();
        SavedModel.AssertClose(denseEpoch.Loss, sparseEpoch.Loss, "loss");
        SavedModel.AssertClose(denseEpoch.ValidationLoss!.Value, sparseEpoch.ValidationLoss!.Value, "validation loss");
        SavedModel.AssertSameValues(fromDense.Transform(dense), fromSparse.Transform(bag), "Score");

        using var loaded = SavedModel.SaveAndLoad(ml, fromSparse, bag.Schema);
        SavedModel.AssertSameValues(fromSparse.Transform(bag), loaded.Transform(bag), "Score");
    }

    [Fact]
    public void A_batch_too_large_to_make_dense_is_refused_naming_BatchSize()
    {
        var ml = new MLContext(seed: 1);
        var messages = ml.Data.TakeRows(Datasets.Sms(ml), 300);
        var bag = ml.Transforms.Text.ProduceHashedWordBags("Features", "Text", numberOfBits: 20).Fit(messages).Transform(messages);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Dense(batchSize: 300).Fit(bag));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("1,048,576 slots", error.Message);
        Assert.Contains("BatchSize to at most 256", error.Message);
    }

    private sealed class BagRow
    {
        public float[] Features = [];
        public bool Label;
    }
}
