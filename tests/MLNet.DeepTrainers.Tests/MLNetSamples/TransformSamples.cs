using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>
/// ML.NET's transform documentation samples (docs/samples/Microsoft.ML.Samples/Dynamic/Transforms),
/// done as each sample does them, asserting what it prints.
/// </summary>
public class TransformSamples
{
    private sealed class Education
    {
        public string Value { get; set; } = "";
    }

    [Fact]
    public void Categorical_OneHotEncoding()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { "0-5yrs", "0-5yrs", "6-11yrs", "6-11yrs", "11-15yrs" }.Select(e => new Education { Value = e }));
        var encoded = ml.Transforms.Categorical.OneHotEncoding("EducationOneHotEncoded", "Value").Fit(data).Transform(data);
        // "We have 3 slots because there are three categories in the 'Education' column."
        var rows = encoded.GetColumn<float[]>(encoded.Schema["EducationOneHotEncoded"]).Select(r => string.Join(" ", r));
        Assert.Equal(["1 0 0", "1 0 0", "0 1 0", "0 1 0", "0 0 1"], rows);

        var keyed = ml.Transforms.Categorical.OneHotEncoding("EducationOneHotEncoded", "Value", OneHotEncodingEstimator.OutputKind.Key).Fit(data).Transform(data);
        Assert.Equal([1u, 1u, 2u, 2u, 3u], keyed.GetColumn<uint>("EducationOneHotEncoded"));
    }

    private sealed class EducationAndZip
    {
        public string Education { get; set; } = "";
        public string ZipCode { get; set; } = "";
    }

    private sealed class EducationAndZipEncoded
    {
        public float[] Education { get; set; } = [];
        public float[] ZipCode { get; set; } = [];
    }

    [Fact]
    public void Categorical_OneHotEncodingMultiColumn()
    {
        var ml = new MLContext();
        var samples = new[]
        {
            new EducationAndZip { Education = "0-5yrs", ZipCode = "98005" },
            new EducationAndZip { Education = "0-5yrs", ZipCode = "98052" },
            new EducationAndZip { Education = "6-11yrs", ZipCode = "98005" },
            new EducationAndZip { Education = "6-11yrs", ZipCode = "98052" },
            new EducationAndZip { Education = "11-15yrs", ZipCode = "98005" },
        };
        IDataView data = ml.Data.LoadFromEnumerable(samples);
        var multiColumnKeyPipeline = ml.Transforms.Categorical.OneHotEncoding(new[] { new InputOutputColumnPair("Education"), new InputOutputColumnPair("ZipCode") });
        IDataView transformedData = multiColumnKeyPipeline.Fit(data).Transform(data);
        var rows = ml.Data.CreateEnumerable<EducationAndZipEncoded>(transformedData, true).Select(item => string.Format("{0}\t\t\t{1}", string.Join(" ", item.Education), string.Join(" ", item.ZipCode)));
        Assert.Equal(["1 0 0\t\t\t1 0", "1 0 0\t\t\t0 1", "0 1 0\t\t\t1 0", "0 1 0\t\t\t0 1", "0 0 1\t\t\t1 0"], rows);
    }

    private class StudyPoint
    {
        public string StudyTime { get; set; } = "";
        public string Course { get; set; } = "";
    }

    private sealed class StudyCategories : StudyPoint
    {
        public uint StudyTimeCategory { get; set; }
        public uint CourseCategory { get; set; }
    }

    private sealed class LookupMap
    {
        public string Key { get; set; } = "";
    }

    [Fact]
    public void Conversion_MapValueToKeyMultiColumn_with_and_without_keyData()
    {
        var ml = new MLContext();
        var rawData = new[]
        {
            new StudyPoint { StudyTime = "0-4yrs", Course = "CS" },
            new StudyPoint { StudyTime = "6-11yrs", Course = "CS" },
            new StudyPoint { StudyTime = "12-25yrs", Course = "LA" },
            new StudyPoint { StudyTime = "0-5yrs", Course = "DS" },
        };
        var data = ml.Data.LoadFromEnumerable(rawData);
        var columns = new[] { new InputOutputColumnPair("StudyTimeCategory", "StudyTime"), new InputOutputColumnPair("CourseCategory", "Course") };
        var pipeline = ml.Transforms.Conversion.MapValueToKey(columns, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue, addKeyValueAnnotationsAsText: true);
        string Rows(IDataView transformed) => string.Join(" | ", ml.Data.CreateEnumerable<StudyCategories>(transformed, reuseRowObject: false)
            .Select(r => $"{r.StudyTime} {r.StudyTimeCategory} {r.Course} {r.CourseCategory}"));
        Assert.Equal("0-4yrs 1 CS 1 | 6-11yrs 4 CS 1 | 12-25yrs 3 LA 3 | 0-5yrs 2 DS 2", Rows(pipeline.Fit(data).Transform(data)));

        var lookupIdvMap = ml.Data.LoadFromEnumerable(new[] { "0-4yrs", "6-11yrs", "25+yrs", "CS", "DS", "LA" }.Select(k => new LookupMap { Key = k }));
        var pipelineWithLookupMap = ml.Transforms.Conversion.MapValueToKey(columns, keyData: lookupIdvMap);
        Assert.Equal("0-4yrs 1 CS 4 | 6-11yrs 2 CS 4 | 12-25yrs 0 LA 6 | 0-5yrs 0 DS 5", Rows(pipelineWithLookupMap.Fit(data).Transform(data)));
    }

    [Fact]
    public void keyData_must_be_one_column_of_the_inputs_type()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { new StudyPoint { StudyTime = "0-4yrs", Course = "CS" } });
        var twoColumns = Assert.Throws<ArgumentException>(() => ml.Transforms.Conversion.MapValueToKey("Key", "Course", keyData: data).Fit(data));
        Assert.Contains("exactly one column", twoColumns.Message);
        var numbers = ml.Data.LoadFromEnumerable(new[] { new Survival { Survived = true } });
        var wrongType = Assert.Throws<ArgumentException>(() => ml.Transforms.Categorical.OneHotEncoding("Key", "Course", keyData: numbers).Fit(data));
        Assert.Contains("'Survived' is Boolean", wrongType.Message);
        Assert.Contains("'Course' is String", wrongType.Message);
    }

    [Fact]
    public void A_multi_column_transform_refuses_an_output_named_twice()
    {
        var ml = new MLContext();
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.Conversion.ConvertType(new[] { new InputOutputColumnPair("X", "A"), new InputOutputColumnPair("X", "B") }));
        Assert.Contains("'X' is named more than once", error.Message);
    }

    private class MixedInput
    {
        public bool Feature1;
        public string Feature2 = "";
        public DateTime Feature3;
        public double Feature4;
    }

    private sealed class MixedConverted : MixedInput
    {
        public float Converted1 { get; set; }
        public float Converted2 { get; set; }
        public float Converted3 { get; set; }
        public float Converted4 { get; set; }
    }

    [Fact]
    public void Conversion_ConvertTypeMultiColumn_with_a_DateTime()
    {
        var ml = new MLContext(seed: 1);
        // The sample uses DateTime.Now and DateTime.Today; its printed 6.368916E+17 for Today is the ticks of 2019-03-26.
        var rawData = new[]
        {
            new MixedInput { Feature1 = true, Feature2 = "0.4", Feature3 = DateTime.Now, Feature4 = 0.145 },
            new MixedInput { Feature1 = false, Feature2 = "0.5", Feature3 = DateTime.Today, Feature4 = 3.14 },
            new MixedInput { Feature1 = false, Feature2 = "14", Feature3 = DateTime.Today, Feature4 = 0.2046 },
            new MixedInput { Feature1 = false, Feature2 = "23", Feature3 = DateTime.Now, Feature4 = 0.1206 },
            new MixedInput { Feature1 = true, Feature2 = "8904", Feature3 = DateTime.UtcNow, Feature4 = 8.09 },
        };
        var data = ml.Data.LoadFromEnumerable(rawData);
        var pipeline = ml.Transforms.Conversion.ConvertType(new[]
        {
            new InputOutputColumnPair("Converted1", "Feature1"),
            new InputOutputColumnPair("Converted2", "Feature2"),
            new InputOutputColumnPair("Converted3", "Feature3"),
            new InputOutputColumnPair("Converted4", "Feature4"),
        }, DataKind.Single);
        var rows = ml.Data.CreateEnumerable<MixedConverted>(pipeline.Fit(data).Transform(data), true).Select(r => (r.Converted1, r.Converted2, r.Converted3, r.Converted4)).ToList();
        Assert.Equal([1f, 0f, 0f, 0f, 1f], rows.Select(r => r.Converted1));
        Assert.Equal([0.4f, 0.5f, 14f, 23f, 8904f], rows.Select(r => r.Converted2));
        Assert.Equal(rawData.Select(r => (float)r.Feature3.Ticks), rows.Select(r => r.Converted3));
        Assert.Equal(["0.145", "3.14", "0.2046", "0.1206", "8.09"], rows.Select(r => r.Converted4.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("6.368916E+17", ((float)new DateTime(2019, 3, 26).Ticks).ToString("G7", System.Globalization.CultureInfo.InvariantCulture));
    }

    private class Sport
    {
        public string Category { get; set; } = "";
        public int Age { get; set; }
    }

    private sealed class SportHashed : Sport
    {
        public uint CategoryHashed { get; set; }
        public uint AgeHashed { get; set; }
    }

    private static IDataView Sports(MLContext ml) => ml.Data.LoadFromEnumerable(new[]
    {
        new Sport { Category = "MLB", Age = 18 }, new Sport { Category = "NFL", Age = 14 }, new Sport { Category = "NFL", Age = 15 },
        new Sport { Category = "MLB", Age = 18 }, new Sport { Category = "MLS", Age = 14 },
    });

    [Fact]
    public void Conversion_Hash_gives_current_MLNETs_keys()
    {
        // ML.NET's Hash sample. Its printed keys
        // (36206, 19015, 6013; 127, 62, 43) come from the hashing ML.NET kept for models older than its
        // transform version 0x00010003; a current ML.NET gives MurmurHash3 over UTF-8 and the length mixed
        // in, checked against the reference vectors in DataOperationsSamples: these keys.
        var ml = new MLContext(seed: 1);
        var data = Sports(ml);
        var pipeline = ml.Transforms.Conversion.Hash("CategoryHashed", "Category", numberOfBits: 16)
            .Append(ml.Transforms.Conversion.Hash("AgeHashed", "Age", numberOfBits: 8));
        var transformed = pipeline.Fit(data).Transform(data);
        Assert.Equal("Key<UInt32, 0-65535>", transformed.Schema["CategoryHashed"].Type.ToString());
        var rows = ml.Data.CreateEnumerable<SportHashed>(transformed, true).Select(r => $"{r.Category} {r.CategoryHashed} {r.Age} {r.AgeHashed}");
        Assert.Equal(["MLB 16967 18 204", "NFL 24263 14 31", "NFL 24263 15 72", "MLB 16967 18 204", "MLS 58334 14 31"], rows);
    }

    [Fact]
    public void Conversion_Hash_keeps_the_values_behind_each_key_with_maximumNumberOfInverts()
    {
        // ML.NET's Hash sample reads the kept values as a sparse VBuffer of KeyValues: one (index, value)
        // per hash met, index = key - 1, in index order. Its indices (36205, 19014, 6012) come from the old
        // hashing (see above); a current ML.NET gives the keys above, so these.
        var ml = new MLContext(seed: 1);
        var data = Sports(ml);
        var pipeline = ml.Transforms.Conversion.Hash("CategoryHashed", "Category", numberOfBits: 16, maximumNumberOfInverts: -1)
            .Append(ml.Transforms.Conversion.Hash("AgeHashed", "Age", numberOfBits: 8));
        var transformed = pipeline.Fit(data).Transform(data);

        var slotNames = new VBuffer<ReadOnlyMemory<char>>();
        transformed.Schema["CategoryHashed"].Annotations.GetValue("KeyValues", ref slotNames);
        var indices = slotNames.GetIndices().ToArray();
        var names = slotNames.GetValues().ToArray().Select(n => n.ToString());
        Assert.Equal([16966, 24262, 58333], indices);
        Assert.Equal(["MLB", "NFL", "MLS"], names);
        Assert.Equal(65536, slotNames.Length);
        Assert.False(transformed.Schema["AgeHashed"].HasKeyValues());
    }

    [Fact]
    public void Conversion_HashWithOptions()
    {
        // The options sample: the same keys as above, the values kept for the category column only.
        var ml = new MLContext(seed: 1);
        var data = Sports(ml);
        var pipeline = ml.Transforms.Conversion.Hash(
            new HashingEstimator.ColumnOptions("CategoryHashed", "Category", 16, useOrderedHashing: false, maximumNumberOfInverts: -1),
            new HashingEstimator.ColumnOptions("AgeHashed", "Age", 8, useOrderedHashing: false));
        var transformed = pipeline.Fit(data).Transform(data);
        var rows = ml.Data.CreateEnumerable<SportHashed>(transformed, true).Select(r => $"{r.Category} {r.CategoryHashed} {r.Age} {r.AgeHashed}");
        Assert.Equal(["MLB 16967 18 204", "NFL 24263 14 31", "NFL 24263 15 72", "MLB 16967 18 204", "MLS 58334 14 31"], rows);
        Assert.True(transformed.Schema["CategoryHashed"].HasKeyValues());
    }

    [Fact]
    public void Categorical_OneHotHashEncoding()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { "0-5yrs", "0-5yrs", "6-11yrs", "6-11yrs", "11-15yrs" }.Select(e => new Education { Value = e }));
        var encoded = ml.Transforms.Categorical.OneHotHashEncoding("EducationOneHotHashEncoded", "Value", numberOfBits: 3).Fit(data).Transform(data);
        // "We have 8 slots, because we used numberOfBits = 3." The sample prints keys 4, 4, 5, 5, 8: the
        // old hash of ML.NET (OldHashTests reproduces them); the current hash of the same ordered seed
        // puts "0-5yrs" and "6-11yrs" both in slot 1 of 8 (a collision 3 bits allow) and "11-15yrs" in 8.
        var rows = encoded.GetColumn<float[]>(encoded.Schema["EducationOneHotHashEncoded"]).Select(r => string.Join(" ", r));
        Assert.Equal(["1 0 0 0 0 0 0 0", "1 0 0 0 0 0 0 0", "1 0 0 0 0 0 0 0", "1 0 0 0 0 0 0 0", "0 0 0 0 0 0 0 1"], rows);
        uint seed = MurmurHash.Round(HashDefaults.Seed, 0);
        Assert.Equal([1u, 1u, 8u], new[] { "0-5yrs", "6-11yrs", "11-15yrs" }.Select(t => (MurmurHash.Of(seed, t) & 7) + 1));

        var keyed = ml.Transforms.Categorical.OneHotHashEncoding("EducationOneHotHashEncoded", "Value", OneHotEncodingEstimator.OutputKind.Key, 3).Fit(data).Transform(data);
        Assert.Equal([1u, 1u, 1u, 1u, 8u], keyed.GetColumn<uint>("EducationOneHotHashEncoded"));
    }

    [Fact]
    public void Categorical_OneHotHashEncodingMultiColumn()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[]
        {
            new EducationAndZip { Education = "0-5yrs", ZipCode = "98005" }, new EducationAndZip { Education = "0-5yrs", ZipCode = "98052" },
            new EducationAndZip { Education = "6-11yrs", ZipCode = "98005" }, new EducationAndZip { Education = "6-11yrs", ZipCode = "98052" },
            new EducationAndZip { Education = "11-15yrs", ZipCode = "98005" },
        });
        var pipeline = ml.Transforms.Categorical.OneHotHashEncoding([new InputOutputColumnPair("Education"), new InputOutputColumnPair("ZipCode")], numberOfBits: 3);
        var rows = ml.Data.CreateEnumerable<EducationAndZipEncoded>(pipeline.Fit(data).Transform(data), true)
            .Select(r => $"{string.Join(" ", r.Education)}  {string.Join(" ", r.ZipCode)}");
        // The sample prints its old-hash slots (see Categorical_OneHotHashEncoding); the current hash
        // puts "98005" in slot 7 and "98052" in slot 8.
        Assert.Equal([
            "1 0 0 0 0 0 0 0  0 0 0 0 0 0 1 0",
            "1 0 0 0 0 0 0 0  0 0 0 0 0 0 0 1",
            "1 0 0 0 0 0 0 0  0 0 0 0 0 0 1 0",
            "1 0 0 0 0 0 0 0  0 0 0 0 0 0 0 1",
            "0 0 0 0 0 0 0 1  0 0 0 0 0 0 1 0"], rows);
    }

    private sealed class ConcatenateInput
    {
        public float Feature1;
        [VectorType(3)] public float[] Feature2 = [];
        public int Feature3;
    }

    private sealed class TransformedData
    {
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Concatenate_after_ConvertType()
    {
        var ml = new MLContext();
        var samples = Enumerable.Range(1, 6).Select(i => new ConcatenateInput { Feature1 = i / 10f, Feature2 = [1 + i / 10f, 2 + i / 10f, 3 + i / 10f], Feature3 = i });
        var data = ml.Data.LoadFromEnumerable(samples);
        var pipeline = ml.Transforms.Conversion.ConvertType("Feature3", outputKind: DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", new[] { "Feature1", "Feature2", "Feature3" }));
        var rows = ml.Data.CreateEnumerable<TransformedData>(pipeline.Fit(data).Transform(data), reuseRowObject: false).Select(r => string.Join(" ", r.Features));
        Assert.Equal(["0.1 1.1 2.1 3.1 1", "0.2 1.2 2.2 3.2 2", "0.3 1.3 2.3 3.3 3", "0.4 1.4 2.4 3.4 4", "0.5 1.5 2.5 3.5 5", "0.6 1.6 2.6 3.6 6"], rows);
    }

    private class Survival
    {
        public bool Survived;
    }

    private sealed class SurvivalConverted : Survival
    {
        public int SurvivedInt32 { get; set; }
    }

    [Fact]
    public void Conversion_ConvertType()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { true, false, true, false, false }.Select(s => new Survival { Survived = s }));
        var converted = ml.Transforms.Conversion.ConvertType("SurvivedInt32", "Survived", DataKind.Int32).Fit(data).Transform(data);
        var rows = ml.Data.CreateEnumerable<SurvivalConverted>(converted, true).Select(r => $"A:{r.Survived,-10}  Aconv:{r.SurvivedInt32}");
        Assert.Equal(["A:True        Aconv:1", "A:False       Aconv:0", "A:True        Aconv:1", "A:False       Aconv:0", "A:False       Aconv:0"], rows);
    }

    private class Person
    {
        public int Age { get; set; }
        public string Gender { get; set; } = "";
        public string Education { get; set; } = "";
        public float ExtraColumn { get; set; }
    }

    private sealed class PersonWithoutExtra
    {
        public int Age { get; set; }
        public string Gender { get; set; } = "";
        public string Education { get; set; } = "";
    }

    private sealed class AgeAndEducation
    {
        public int Age { get; set; }
        public string Education { get; set; } = "";
    }

    private static IDataView People(MLContext ml) => ml.Data.LoadFromEnumerable(new[]
    {
        new Person { Age = 21, Gender = "Male", Education = "BS", ExtraColumn = 1 },
        new Person { Age = 23, Gender = "Female", Education = "MBA", ExtraColumn = 2 },
        new Person { Age = 28, Gender = "Male", Education = "PhD", ExtraColumn = 3 },
        new Person { Age = 22, Gender = "Male", Education = "BS", ExtraColumn = 4 },
        new Person { Age = 23, Gender = "Female", Education = "MS", ExtraColumn = 5 },
        new Person { Age = 27, Gender = "Female", Education = "PhD", ExtraColumn = 6 },
    });

    [Fact]
    public void DropColumns()
    {
        var ml = new MLContext();
        var data = People(ml);
        var dropped = ml.Transforms.DropColumns("ExtraColumn").Fit(data).Transform(data);
        // The sample catches the ArgumentOutOfRangeException that naming the dropped column gives.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.CreateEnumerable<Person>(dropped, reuseRowObject: false));
        Assert.Contains("'ExtraColumn'", error.Message);
        var rows = ml.Data.CreateEnumerable<PersonWithoutExtra>(dropped, reuseRowObject: true).Select(r => $"Age: {r.Age} Gender: {r.Gender} Education: {r.Education}");
        Assert.Equal(["Age: 21 Gender: Male Education: BS", "Age: 23 Gender: Female Education: MBA", "Age: 28 Gender: Male Education: PhD",
            "Age: 22 Gender: Male Education: BS", "Age: 23 Gender: Female Education: MS", "Age: 27 Gender: Female Education: PhD"], rows);
    }

    [Fact]
    public void SelectColumns()
    {
        var ml = new MLContext();
        var data = People(ml);
        var selected = ml.Transforms.SelectColumns("Age", "Education").Fit(data).Transform(data);
        Assert.Equal(2, selected.Schema.Count);   // "There are 2 columns in the dataset."
        var rows = ml.Data.CreateEnumerable<AgeAndEducation>(selected, reuseRowObject: true).Select(r => $"Age: {r.Age} Education: {r.Education}");
        Assert.Equal(["Age: 21 Education: BS", "Age: 23 Education: MBA", "Age: 28 Education: PhD", "Age: 22 Education: BS", "Age: 23 Education: MS", "Age: 27 Education: PhD"], rows);
    }

    [Fact]
    public void GetColumn_checks_the_column_and_type_at_the_call()
    {
        var ml = new MLContext();
        var data = People(ml);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.GetColumn<int>("Salary"));
        Assert.Throws<InvalidOperationException>(() => data.GetColumn<float>("Age"));
        Assert.Equal([21, 23, 28, 22, 23, 27], data.GetColumn<int>("Age"));
    }

    [Fact]
    public void KeyOrdinality_is_nested_in_ValueToKeyMappingEstimator_as_in_MLNet()
    {
        var ml = new MLContext();
        var data = People(ml);
        var keys = ml.Transforms.Conversion.MapValueToKey("Key", "Education", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(data).Transform(data);
        // BS, MBA, MS, PhD sorted ordinally: BS=1, MBA=2, MS=3, PhD=4.
        Assert.Equal([1u, 2u, 4u, 1u, 3u, 4u], keys.GetColumn<uint>("Key"));
    }
}
