using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Trainers;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.Data;

/// <summary>
/// Sparse vectors (issue 12): bags of words and one-hot bags are handed out as sparse VBuffers, stay
/// sparse through Concatenate, NormalizeLpNorm and Cache, and a trainer holds only their non-zeros
/// until it writes a batch out dense; every reader of the array sees the same numbers dense.
/// </summary>
public class SparseVectorTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Doc
    {
        public string Text { get; set; } = "";
        public bool Label { get; set; }
        public float Target { get; set; }
    }

    private static Doc[] Docs(int count) => Enumerable.Range(0, count).Select(i => new Doc
    {
        Text = $"word{i % 97} word{i % 13} and word{i % 7} again word{i % 97}",
        Label = i % 97 % 2 == 0,
        Target = i % 5,
    }).ToArray();

    // Each row sparse or dense as read, and its items equal to the column read as arrays.
    private static VBuffer<float>[] SparseRowsEqualDenseRows(IDataView data, string column)
    {
        var sparse = data.GetColumn<VBuffer<float>>(column).ToArray();
        var dense = data.GetColumn<float[]>(column).ToArray();
        Assert.Equal(dense.Length, sparse.Length);
        for (int r = 0; r < dense.Length; r++)
            Assert.Equal(dense[r], sparse[r].DenseValues().ToArray());
        return sparse;
    }

    [Fact]
    public void A_word_bag_is_sparse_with_one_explicit_value_per_distinct_word()
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(200));
        var bags = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 1).Fit(data).Transform(data);

        var rows = SparseRowsEqualDenseRows(bags, "Bag");

        Assert.All(rows, row => Assert.False(row.IsDense));
        Assert.Equal(99, rows[0].Length); // word0..word96, "and", "again"
        Assert.Equal(3, rows[0].GetValues().Length); // word0 (four times), and, again
        Assert.Equal(4f, rows[0].GetValues().ToArray().Max());
        Assert.True(rows[0].GetIndices().ToArray().SequenceEqual(rows[0].GetIndices().ToArray().Order()));
    }

    [Fact]
    public void Ngrams_hashed_bags_and_one_hot_bags_are_sparse_too()
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(50));
        var pipeline = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(_ml.Transforms.Conversion.MapValueToKey("Keys", "Words"))
            .Append(_ml.Transforms.Text.ProduceNgrams("Ngrams", "Keys"))
            .Append(_ml.Transforms.Text.ProduceHashedWordBags("Hashed", "Text", numberOfBits: 16))
            .Append(_ml.Transforms.Categorical.OneHotEncoding("OneHot", "Words", OneHotEncodingEstimator.OutputKind.Bag));
        var transformed = pipeline.Fit(data).Transform(data);

        foreach (var column in new[] { "Ngrams", "Hashed", "OneHot" })
            Assert.All(SparseRowsEqualDenseRows(transformed, column), row => Assert.False(row.IsDense));
    }

    [Theory]
    [InlineData(LpNormNormalizingEstimatorBase.NormFunction.L2, false)]
    [InlineData(LpNormNormalizingEstimatorBase.NormFunction.L1, false)]
    [InlineData(LpNormNormalizingEstimatorBase.NormFunction.Infinity, false)]
    [InlineData(LpNormNormalizingEstimatorBase.NormFunction.StandardDeviation, false)]
    [InlineData(LpNormNormalizingEstimatorBase.NormFunction.L2, true)]
    public void NormalizeLpNorm_keeps_a_bag_sparse_unless_it_centres_it_and_scales_as_the_dense_path(LpNormNormalizingEstimatorBase.NormFunction norm, bool ensureZeroMean)
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(30));
        var normalized = _ml.Transforms.Text.ProduceWordBags("Bag", "Text")
            .Append(_ml.Transforms.NormalizeLpNorm("Norm", "Bag", norm, ensureZeroMean))
            .Fit(data).Transform(data);

        var rows = SparseRowsEqualDenseRows(normalized, "Norm");

        Assert.All(rows, row => Assert.Equal(ensureZeroMean, row.IsDense));
        // The hand rule on the first row, dense: each value over the row's norm.
        var bag = normalized.GetColumn<float[]>("Bag").First();
        float mean = ensureZeroMean ? bag.Average() : 0;
        var centred = bag.Select(v => v - mean).ToArray();
        double divisor = norm switch
        {
            LpNormNormalizingEstimatorBase.NormFunction.L2 => Math.Sqrt(centred.Sum(v => (double)v * v)),
            LpNormNormalizingEstimatorBase.NormFunction.L1 => centred.Sum(v => Math.Abs((double)v)),
            LpNormNormalizingEstimatorBase.NormFunction.Infinity => centred.Max(v => Math.Abs(v)),
            _ => Math.Sqrt(centred.Sum(v => (double)v * v) / centred.Length),
        };
        var first = rows[0].DenseValues().ToArray();
        for (int i = 0; i < bag.Length; i++)
            Assert.Equal(centred[i] / divisor, first[i], 1e-6);
    }

    [Fact]
    public void Concatenate_joins_sparse_bags_and_dense_columns_into_a_sparse_row_at_the_right_slots()
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(20).Select((d, i) => new Mixed { Text = d.Text, Number = i, Pair = [1f, 0f] }));
        var joined = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 1)
            .Append(_ml.Transforms.Concatenate("Features", "Number", "Bag", "Pair", "Bag"))
            .Fit(data).Transform(data);

        var rows = SparseRowsEqualDenseRows(joined, "Features");
        var bag = joined.GetColumn<VBuffer<float>>("Bag").ToArray();

        for (int r = 0; r < rows.Length; r++)
        {
            Assert.False(rows[r].IsDense);
            // The number, each bag's non-zeros twice and the pair's two explicit items.
            Assert.Equal(1 + 2 * bag[r].GetValues().Length + 2, rows[r].GetValues().Length);
            Assert.Equal(r, rows[r].GetItemOrDefault(0));
            Assert.Equal(1f, rows[r].GetItemOrDefault(1 + bag[r].Length));
        }
    }

    public sealed class Mixed
    {
        public string Text { get; set; } = "";
        public float Number { get; set; }
        [VectorType(2)] public float[] Pair { get; set; } = [];
    }

    [Fact]
    public void FeaturizeText_features_stay_sparse()
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(20));
        var featurized = _ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(data).Transform(data);

        Assert.All(SparseRowsEqualDenseRows(featurized, "Features"), row => Assert.False(row.IsDense));
    }

    [Fact]
    public void Cache_and_ShuffleRows_hold_a_sparse_column_sparsely_and_read_back_the_same_rows()
    {
        // 2^20 slots: dense, 2,000 rows would take 8 GiB.
        var data = _ml.Data.LoadFromEnumerable(Docs(2000));
        var bags = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 20).Fit(data).Transform(data);
        var cached = _ml.Data.Cache(bags);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var rows = cached.GetColumn<VBuffer<float>>("Bag").ToArray();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 64L << 20);
        Assert.All(rows, row => Assert.False(row.IsDense));
        var direct = bags.GetColumn<VBuffer<float>>("Bag").ToArray();
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.Equal(direct[r].GetIndices().ToArray(), rows[r].GetIndices().ToArray());
            Assert.Equal(direct[r].GetValues().ToArray(), rows[r].GetValues().ToArray());
        }
        var shuffled = _ml.Data.ShuffleRows(bags, seed: 3).GetColumn<VBuffer<float>>("Bag").ToArray();
        Assert.Equal(rows.Sum(r => r.GetValues()[0]), shuffled.Sum(r => r.GetValues()[0]));
        Assert.All(shuffled, row => Assert.False(row.IsDense));
        // Read as arrays, the cached rows are dense and equal.
        Assert.Equal(direct[5].DenseValues(), _ml.Data.TakeRows(cached, 6).GetColumn<float[]>("Bag").Last());
    }

    [Fact]
    public void A_trainer_holds_only_the_non_zeros_of_a_wide_bag()
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(2000));
        var bags = _ml.Transforms.Text.ProduceHashedWordBags("Features", "Text", numberOfBits: 20).Fit(data).Transform(data);
        long nonZeros = bags.GetColumn<VBuffer<float>>("Features").Sum(row => (long)row.GetValues().Length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = TrainingData.Read(bags, "Features", TrainingData.LabelReader.Single(bags.Schema["Target"]), null, "test");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(read.Features.IsSparse);
        Assert.Equal(nonZeros, read.Features.StoredValues);
        Assert.InRange(allocated, 0, 64L << 20); // dense: 8 GiB
        var row = new float[read.Width];
        read.Features.CopyRow(7, row);
        Assert.Equal(bags.GetColumn<float[]>("Features").ElementAt(7), row);
    }

    [Fact]
    public void FeatureRows_take_sparse_and_dense_rows_in_either_order_and_slice_alike()
    {
        foreach (bool sparseFirst in new[] { true, false })
        {
            var builder = new FeatureRows.Builder(5, 2);
            var sparse = new VBuffer<float>(5, 2, [3f, 4f], [1, 4]);
            var dense = new VBuffer<float>(5, [1f, 0f, 2f, 0f, 5f]);
            foreach (var row in sparseFirst ? new[] { sparse, dense, sparse } : [dense, sparse, dense])
                builder.Add(row);
            var rows = builder.Build();

            Assert.Equal(sparseFirst, rows.IsSparse);
            Assert.Equal(3, rows.Rows);
            float[] expected = sparseFirst ? [0, 3, 0, 0, 4, 1, 0, 2, 0, 5, 0, 3, 0, 0, 4] : [1, 0, 2, 0, 5, 0, 3, 0, 0, 4, 1, 0, 2, 0, 5];
            Assert.Equal(expected, rows.ToDense());
            var tail = rows.Slice(1, 2);
            var copy = new float[5];
            tail.CopyRow(1, copy);
            Assert.Equal(expected[10..15], copy);
            Assert.Equal(expected[5..15], tail.ToDense());
        }
    }

    [Fact]
    public void A_network_trained_on_a_sparse_bag_equals_one_trained_on_the_same_bag_dense()
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(300));
        var bags = _ml.Transforms.Text.ProduceWordBags("Features", "Text", ngramLength: 1).Fit(data).Transform(data);
        int width = ((VectorDataViewType)bags.Schema["Features"].Type).Size;
        var denseRows = bags.GetColumn<float[]>("Features").Zip(bags.GetColumn<bool>("Label"), (f, l) => new DenseRow { Features = f, Label = l, Target = 1 }).ToArray();
        var definition = SchemaDefinition.Create(typeof(DenseRow));
        definition["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var dense = _ml.Data.LoadFromEnumerable(denseRows, definition);

        float[] Scores(IDataView view) => new MLContext(seed: 5).BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [8], Epochs = 3, BatchSize = 16 })
            .Fit(view).Transform(view).GetColumn<float>("Score").ToArray();

        Assert.Equal(Scores(dense), Scores(bags));
        Assert.True(TrainingData.Read(bags, "Features", TrainingData.LabelReader.Single(bags.Schema["Target"]), null, "test").Features.IsSparse);
        Assert.False(TrainingData.Read(dense, "Features", TrainingData.LabelReader.Single(dense.Schema["Target"]), null, "test").Features.IsSparse);
    }

    public sealed class DenseRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public float Target { get; set; }
    }

    [Fact]
    public void FastTree_trains_on_a_sparse_bag_as_on_the_dense_one()
    {
        var data = _ml.Data.LoadFromEnumerable(Docs(300));
        var bags = _ml.Transforms.Text.ProduceWordBags("Features", "Text", ngramLength: 1).Fit(data).Transform(data);
        var metrics = _ml.BinaryClassification.EvaluateNonCalibrated(_ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 20, minimumExampleCountPerLeaf: 2).Fit(bags).Transform(bags));
        Assert.InRange(metrics.Accuracy, 0.95, 1.0); // the label is a function of word0..96
    }
}
