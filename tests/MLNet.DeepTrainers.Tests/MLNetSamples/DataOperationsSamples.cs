using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>
/// ML.NET's data-operation documentation samples (docs/samples/Microsoft.ML.Samples/Dynamic/
/// DataOperations), done as each sample does them, asserting the rows it prints. The samples' data
/// comes from System.Random with a fixed seed, which .NET reproduces exactly.
/// </summary>
public class DataOperationsSamples
{
    private sealed class DataPoint
    {
        public float Group { get; set; }
        public float Features { get; set; }
    }

    private static IEnumerable<DataPoint> Points(int count, int groups)
    {
        var random = new Random(0);
        for (int i = 0; i < count; i++)
            yield return new DataPoint { Group = i % groups, Features = (float)random.NextDouble() };
    }

    // The samples printed floats on .NET Framework, whose default format kept 7 significant digits.
    private static string[] Rows(MLContext ml, IDataView data) =>
        ml.Data.CreateEnumerable<DataPoint>(data, reuseRowObject: false).Select(r => $"{r.Group}, {r.Features:G7}").ToArray();

    [Fact]
    public void TrainTestSplit_by_a_sampling_key()
    {
        var ml = new MLContext();
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(Points(10, groups: 2)), testFraction: 0.1, samplingKeyColumnName: "Group");
        // TrainTestSplit.cs: "Notice how keeping the rows with the same value in the Group column overrides the testFraction definition."
        Assert.Equal(["1, 0.8173254", "1, 0.5581612", "1, 0.5588848", "1, 0.4421779", "1, 0.2737045"], Rows(ml, split.TrainSet));
        Assert.Equal(["0, 0.7262433", "0, 0.7680227", "0, 0.2060332", "0, 0.9060271", "0, 0.9775497"], Rows(ml, split.TestSet));
    }

    [Fact]
    public void CrossValidationSplit_by_a_sampling_key()
    {
        var ml = new MLContext();
        var folds = ml.Data.CrossValidationSplit(ml.Data.LoadFromEnumerable(Points(10, groups: 3)), numberOfFolds: 3, samplingKeyColumnName: "Group");
        // CrossValidationSplit.cs prints each fold's train and test rows.
        Assert.Equal(["1, 0.8173254", "2, 0.7680227", "1, 0.2060332", "2, 0.5588848", "1, 0.4421779", "2, 0.9775497"], Rows(ml, folds[0].TrainSet));
        Assert.Equal(["0, 0.7262433", "0, 0.5581612", "0, 0.9060271", "0, 0.2737045"], Rows(ml, folds[0].TestSet));
        Assert.Equal(["0, 0.7262433", "2, 0.7680227", "0, 0.5581612", "2, 0.5588848", "0, 0.9060271", "2, 0.9775497", "0, 0.2737045"], Rows(ml, folds[1].TrainSet));
        Assert.Equal(["1, 0.8173254", "1, 0.2060332", "1, 0.4421779"], Rows(ml, folds[1].TestSet));
        Assert.Equal(["0, 0.7262433", "1, 0.8173254", "0, 0.5581612", "1, 0.2060332", "0, 0.9060271", "1, 0.4421779", "0, 0.2737045"], Rows(ml, folds[2].TrainSet));
        Assert.Equal(["2, 0.7680227", "2, 0.5588848", "2, 0.9775497"], Rows(ml, folds[2].TestSet));
    }

    [Fact]
    public void TrainTestSplit_and_CrossValidationSplit_without_a_key_keep_every_row_once()
    {
        var ml = new MLContext(seed: 3);
        var data = ml.Data.LoadFromEnumerable(Points(1000, groups: 7));
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
        int train = Rows(ml, split.TrainSet).Length, test = Rows(ml, split.TestSet).Length;
        Assert.Equal(1000, train + test);
        Assert.InRange(test, 150, 250);
        var folds = ml.Data.CrossValidationSplit(data, numberOfFolds: 4);
        Assert.Equal(1000, folds.Sum(f => Rows(ml, f.TestSet).Length));
    }

    [Fact]
    public void A_few_groups_never_give_an_empty_test_set_or_fold()
    {
        // The old hash-based split put every one of 3 groups on the training side in most seeds.
        for (int seed = 0; seed < 40; seed++)
        {
            var ml = new MLContext(seed);
            var data = ml.Data.LoadFromEnumerable(Points(30, groups: 3));
            Assert.NotEmpty(Rows(ml, ml.Data.TrainTestSplit(data, testFraction: 0.2, samplingKeyColumnName: "Group").TestSet));
            Assert.All(ml.Data.CrossValidationSplit(data, numberOfFolds: 3, samplingKeyColumnName: "Group"), fold => Assert.NotEmpty(Rows(ml, fold.TestSet)));
        }
    }

    private sealed class TextKeyed
    {
        public string Team { get; set; } = "";
        public float Features { get; set; }
    }

    [Fact]
    public void Text_sampling_keys_are_hashed_and_keep_groups_together()
    {
        var ml = new MLContext(seed: 5);
        var rows = Enumerable.Range(0, 200).Select(i => new TextKeyed { Team = $"team {i % 20}", Features = i }).ToArray();
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows), testFraction: 0.3, samplingKeyColumnName: "Team");
        var train = ml.Data.CreateEnumerable<TextKeyed>(split.TrainSet, reuseRowObject: false).Select(r => r.Team).ToHashSet();
        var test = ml.Data.CreateEnumerable<TextKeyed>(split.TestSet, reuseRowObject: false).Select(r => r.Team).ToHashSet();
        Assert.Empty(train.Intersect(test));
        Assert.Equal(20, train.Count + test.Count);
    }

    [Fact]
    public void A_missing_sampling_key_is_an_error_naming_the_row_not_a_dropped_row()
    {
        var ml = new MLContext(seed: 1);
        var points = Points(10, groups: 2).ToArray();
        points[4].Group = float.NaN;
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(points), samplingKeyColumnName: "Group");
        var error = Assert.Throws<InvalidOperationException>(() => Rows(ml, split.TrainSet));
        Assert.Contains("row 4", error.Message);
        Assert.Contains("'Group'", error.Message);
    }

    [Fact]
    public void A_sampling_key_column_that_does_not_exist_fails_at_the_call()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Points(10, groups: 2));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, samplingKeyColumnName: "Team"));
        Assert.Contains("'Team'", error.Message);
    }

    private sealed class WithExtra
    {
        public float Group { get; set; }
        public float Missing { get; set; }
    }

    [Fact]
    public void CreateEnumerable_with_a_missing_column_throws_at_the_call_as_in_MLNet()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Points(3, groups: 2));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.CreateEnumerable<WithExtra>(data, reuseRowObject: false));
        Assert.Contains("'Missing'", error.Message);
        Assert.Equal(3, ml.Data.CreateEnumerable<WithExtra>(data, reuseRowObject: false, ignoreMissingColumns: true).Count());
    }

    private sealed class WithMissing
    {
        public float Feature1 { get; set; }
        // The sample declares a variable-size float[]; [VectorType(3)] stays until those land (issue 9).
        [VectorType(3)] public float[] Feature2 { get; set; } = [];
    }

    [Fact]
    public void FilterRowsByMissingValues()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[]
        {
            new WithMissing { Feature1 = 21, Feature2 = [1, 2, float.NaN] },
            new WithMissing { Feature1 = 40, Feature2 = [1f, 2f, 3f] },
            new WithMissing { Feature1 = float.NaN, Feature2 = [1, 2, float.NaN] },
        });
        var filtered = ml.Data.FilterRowsByMissingValues(data, new[] { "Feature1", "Feature2" });
        // "Only the second data point is left": 40 (1, 2, 3).
        var rows = ml.Data.CreateEnumerable<WithMissing>(filtered, reuseRowObject: true).Select(r => $"{r.Feature1}\t({string.Join(", ", r.Feature2)})");
        Assert.Equal(["40\t(1, 2, 3)"], rows);
        Assert.Equal(2, ml.Data.CreateEnumerable<WithMissing>(ml.Data.FilterRowsByMissingValues(data, "Feature1"), reuseRowObject: false).Count());
    }

    private sealed class SampleTemperatureData
    {
        public DateTime Date { get; set; }
        public float Temperature { get; set; }
    }

    private static IEnumerable<SampleTemperatureData> GetSampleTemperatureData(int exampleCount)
    {
        var rng = new Random(1234321);
        var date = new DateTime(2012, 1, 1);
        float temperature = 39.0f;
        for (int i = 0; i < exampleCount; i++)
        {
            date = date.AddDays(1);
            temperature += rng.Next(-5, 5);
            yield return new SampleTemperatureData { Date = date, Temperature = temperature };
        }
    }

    [Fact]
    public void FilterRowsByColumn()
    {
        var ml = new MLContext();
        var enumerableOfData = GetSampleTemperatureData(10);
        var data = ml.Data.LoadFromEnumerable(enumerableOfData);
        string Row(SampleTemperatureData row) => $"{row.Date.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}\t{row.Temperature}";
        Assert.Equal(["1/2/2012\t36", "1/3/2012\t36", "1/4/2012\t34", "1/5/2012\t35", "1/6/2012\t35", "1/7/2012\t39", "1/8/2012\t40", "1/9/2012\t35", "1/10/2012\t30", "1/11/2012\t29"],
            enumerableOfData.Select(Row));
        var filteredData = ml.Data.FilterRowsByColumn(data, columnName: "Temperature", lowerBound: 34, upperBound: 37);
        var enumerable = ml.Data.CreateEnumerable<SampleTemperatureData>(filteredData, reuseRowObject: true);
        Assert.Equal(["1/2/2012\t36", "1/3/2012\t36", "1/4/2012\t34", "1/5/2012\t35", "1/6/2012\t35", "1/9/2012\t35"], enumerable.Select(Row).ToList());
    }

    [Fact]
    public void FilterRowsByColumn_keeps_the_half_open_range_as_MLNet()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { 0f, 0.5f, 1f, float.NaN, 2f, 0.99f }.Select(v => new DataPoint { Group = v, Features = v }));
        var kept = ml.Data.FilterRowsByColumn(data, "Features", lowerBound: 0.5, upperBound: 1);
        Assert.Equal([0.5f, 0.99f], kept.GetColumn<float>("Features"));
        Assert.Equal(6, ml.Data.FilterRowsByColumn(data, "Features").GetColumn<float>("Features").Count() + 1);   // NaN lies in no range
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.FilterRowsByColumn(data, "Price"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.FilterRowsByColumn(data, "Features", lowerBound: 1, upperBound: 1));
    }

    [Theory]
    // Conversion/Hash.cs prints 36206, 19015, 6013 for "MLB", "NFL", "MLS" (16 bits) and 127, 62, 43 for
    // the ints 18, 14, 15 (8 bits): the output of ML.NET's hashing before version 0x00010003 of its
    // transform, which it still uses only to read old models. A new ML.NET Hash uses MurmurHash3 with the
    // length mixed in (HashCore, not HashCoreOld, in its Hashing.cs) and gives the values below; the seed
    // is its default 314489979 and a hash is (h & mask) + 1.
    [InlineData("MLB", 16, 16967u)]
    [InlineData("NFL", 16, 24263u)]
    [InlineData("MLS", 16, 58334u)]
    public void MurmurHash_of_text_is_MLNets(string text, int bits, uint expected) =>
        Assert.Equal(expected, (MurmurHash.Of(HashDefaults.Seed, text) & ((1u << bits) - 1)) + 1);

    [Theory]
    [InlineData(18, 204u)]
    [InlineData(14, 31u)]
    [InlineData(15, 72u)]
    public void MurmurHash_of_an_int_is_MLNets(int value, uint expected) =>
        Assert.Equal(expected, (MurmurHash.Of(HashDefaults.Seed, (uint)value) & 0xFF) + 1);

    [Theory]
    // MurmurHash3_x86_32's published test vectors (seed 0 and 0x9747b28c).
    [InlineData("", 0u, 0u)]
    [InlineData("hello", 0u, 0x248BFA47u)]
    [InlineData("Hello, world!", 0x9747B28Cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747B28Cu, 0x2FA826CDu)]
    public void MurmurHash_matches_the_reference_vectors(string text, uint seed, uint expected) =>
        Assert.Equal(expected, MurmurHash.Of(seed, text));

    private sealed class UnsizedPoint
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class SizedPoint
    {
        [VectorType(5)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void LoadFromEnumerable_with_a_schema_definition_sets_a_vector_size_at_run_time()
    {
        var ml = new MLContext();
        var known = ml.Data.LoadFromEnumerable(new[] { new SizedPoint { Features = [1.2f, 3.4f, 4.5f, 3.2f, 7] } });
        var featureColumn = (VectorDataViewType)known.Schema["Features"].Type;
        Assert.Equal((true, 5), (featureColumn.IsKnownSize, featureColumn.Size));

        var rows = new[] { new UnsizedPoint { Features = [1.2f, 3.4f, 4.5f] }, new UnsizedPoint { Features = [4.2f, 3.4f, 1.6f] }, new UnsizedPoint { Features = [1.6f, 3.5f, 4.5f] } };
        var definedSchema = SchemaDefinition.Create(typeof(UnsizedPoint));
        featureColumn = (VectorDataViewType)definedSchema["Features"].ColumnType;
        Assert.Equal((false, 0), (featureColumn.IsKnownSize, featureColumn.Size));

        definedSchema[0].ColumnType = new VectorDataViewType(featureColumn.ItemType, 3);
        var data2 = ml.Data.LoadFromEnumerable(rows, definedSchema);
        featureColumn = (VectorDataViewType)data2.Schema["Features"].Type;
        Assert.Equal((true, 3), (featureColumn.IsKnownSize, featureColumn.Size));
        Assert.Equal([4.2f, 3.4f, 1.6f], data2.GetColumn<float[]>("Features").ElementAt(1));

        // Renamed, it is read under its new name; a row of another size is an error naming the row.
        definedSchema[0].ColumnName = "Pixels";
        Assert.Equal(3, ml.Data.LoadFromEnumerable(rows, definedSchema).GetColumn<float[]>("Pixels").Count());
        var ragged = ml.Data.LoadFromEnumerable(new[] { new UnsizedPoint { Features = [1f, 2f] } }, definedSchema);
        Assert.Contains("Row 0", Assert.Throws<InvalidOperationException>(() => ragged.GetColumn<float[]>("Pixels").ToList()).Message);
    }

    [Fact]
    public void A_schema_definition_that_does_not_fit_the_class_is_refused_naming_the_column()
    {
        var ml = new MLContext();
        var definition = SchemaDefinition.Create(typeof(UnsizedPoint));
        definition["Features"].ColumnType = NumberDataViewType.Single;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.LoadFromEnumerable(new[] { new UnsizedPoint() }, definition));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("Single[]", error.Message);
        Assert.Contains("no column 'Label'", Assert.Throws<ArgumentOutOfRangeException>(() => definition["Label"]).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.LoadFromEnumerable(new[] { new SizedPoint() }, definition));
    }

    private sealed class Indexed
    {
        public int Index { get; set; }
    }

    [Fact]
    public void BootstrapSample_repeats_rows_Poisson_1_times_and_its_complement_is_the_rows_left_out()
    {
        // ML.NET's BootstrapSample sample prints draws of its own random generator (and its printed
        // labels do not match its data), so what is asserted is what it documents: each row repeated a
        // Poisson(1) number of times, about 1 - 1/e of the rows present, the same seed the same sample.
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20000).Select(i => new Indexed { Index = i }));
        var sample = ml.Data.BootstrapSample(data, seed: 1).GetColumn<int>("Index").ToArray();
        var outOfBag = ml.Data.BootstrapSample(data, seed: 1, complement: true).GetColumn<int>("Index").ToArray();

        Assert.Equal(sample, ml.Data.BootstrapSample(data, seed: 1).GetColumn<int>("Index"));
        Assert.NotEqual(sample, ml.Data.BootstrapSample(data, seed: 2).GetColumn<int>("Index"));
        Assert.Equal(sample.OrderBy(i => i), sample); // rows stay in order, repeats together
        var counts = sample.GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(20000, counts.Count + outOfBag.Length);
        Assert.DoesNotContain(outOfBag, counts.ContainsKey);
        // Poisson(1): P(0) = P(1) = 1/e, P(2) = 1/(2e), P(3) = 1/(6e); 20,000 rows, 4 standard errors.
        double n = 20000, e = Math.E;
        Assert.InRange(outOfBag.Length, n / e - 4 * Math.Sqrt(n / e * (1 - 1 / e)), n / e + 4 * Math.Sqrt(n / e * (1 - 1 / e)));
        Assert.InRange(counts.Values.Count(c => c == 2), n / (2 * e) - 4 * Math.Sqrt(n / (2 * e)), n / (2 * e) + 4 * Math.Sqrt(n / (2 * e)));
        Assert.InRange(counts.Values.Count(c => c == 3), n / (6 * e) - 4 * Math.Sqrt(n / (6 * e)), n / (6 * e) + 4 * Math.Sqrt(n / (6 * e)));
        Assert.InRange(sample.Length, n - 4 * Math.Sqrt(n), n + 4 * Math.Sqrt(n));
    }
}
