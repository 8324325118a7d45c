using MLNet.DeepTrainers.Transforms;
using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Transforms;

public class ColumnTransformTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Points() => _ml.Data.LoadFromEnumerable(new[]
    {
        new Point { X = 1, Y = 2, Category = "a" },
        new Point { X = 3, Y = 4, Category = "b" },
    });

    private static List<float[]> Vectors(IDataView data, string column)
    {
        var result = new List<float[]>();
        using var cursor = data.GetRowCursor(data.Schema);
        var get = cursor.GetGetter<float[]>(data.Schema[column]);
        while (cursor.MoveNext())
        {
            float[] value = [];
            get(ref value);
            result.Add(value);
        }
        return result;
    }

    [Fact]
    public void Concatenate_joins_scalars_and_vectors_in_order_with_slot_names()
    {
        var withVector = _ml.Transforms.Concatenate("Pair", "X", "Y").Fit(Points()).Transform(Points());
        var output = _ml.Transforms.Concatenate("Features", "Y", "Pair").Fit(withVector).Transform(withVector);

        Assert.Equal([[2f, 1f, 2f], [4f, 3f, 4f]], Vectors(output, "Features"));
        Assert.Equal(["Y", "Pair.X", "Pair.Y"], output.Schema["Features"].Annotations.SlotNames!);
    }

    [Fact]
    public void Concatenate_refuses_text_and_says_what_to_do()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Concatenate("F", "X", "Category").Fit(Points()));
        Assert.Contains("'Category'", error.Message);
        Assert.Contains("OneHotEncoding", error.Message);
    }

    [Fact]
    public void Copy_drop_and_select_columns()
    {
        var copied = _ml.Transforms.CopyColumns("Z", "X").Fit(Points()).Transform(Points());
        Assert.Equal([1f, 3f], _ml.Data.CreateEnumerable<Renamed>(copied, false).Select(r => r.Z));

        var dropped = _ml.Transforms.DropColumns("Y", "Category").Fit(copied).Transform(copied);
        Assert.Equal(["X", "Z"], dropped.Schema.Select(c => c.Name));

        var selected = _ml.Transforms.SelectColumns("Z", "Category").Fit(copied).Transform(copied);
        Assert.Equal(["Z", "Category"], selected.Schema.Select(c => c.Name));
        Assert.Contains("'Nope'", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.DropColumns("Nope").Fit(Points())).Message);
    }

    [Fact]
    public void ConvertType_converts_and_names_the_row_of_a_bad_value()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Point { Category = "1.5" }, new Point { Category = "2" }, new Point { Category = "x" } });
        var converted = _ml.Transforms.Conversion.ConvertType("Number", "Category", DataKind.Single).Fit(data).Transform(data);

        Assert.Equal(NumberDataViewType.Single, converted.Schema["Number"].Type);
        var values = _ml.Data.CreateEnumerable<NumberRow>(_ml.Data.TakeRows(converted, 2), false).Select(r => r.Number);
        Assert.Equal([1.5f, 2f], values);
        var error = Assert.Throws<FormatException>(() => _ml.Data.CreateEnumerable<NumberRow>(converted, false).ToList());
        Assert.Contains("row 2", error.Message);
        Assert.Contains("'x'", error.Message);

        var toInt = _ml.Transforms.Conversion.ConvertType("I", "X", DataKind.Int32).Fit(Points()).Transform(Points());
        Assert.Equal(NumberDataViewType.Int32, toInt.Schema["I"].Type);
    }

    [Fact]
    public void A_chain_checks_every_stage_before_any_stage_reads_data()
    {
        // The file's second row cannot be parsed, so any stage that read it would fail with a FormatException.
        // The missing column of the last stage must be reported first.
        string path = TestFiles.Write("1,2", "bad,4");
        var data = _ml.Data.LoadFromTextFile<TwoNumbers>(path, ',');
        var pipeline = _ml.Transforms.Concatenate("F", "A", "B")
            .Append(_ml.Transforms.NormalizeMinMax("F"))
            .Append(_ml.Transforms.Concatenate("G", "F", "Missing"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(data));
        Assert.Contains("'Missing'", error.Message);
        Assert.Contains("'F'", error.Message);
    }

    public sealed class Renamed
    {
        public float Z { get; set; }
    }

    public sealed class NumberRow
    {
        public float Number { get; set; }
    }

    public sealed class TwoNumbers
    {
        [LoadColumn(0)] public float A { get; set; }
        [LoadColumn(1)] public float B { get; set; }
    }

    private sealed class Gappy
    {
        [VectorType(2)] public double[] Values { get; set; } = [];
    }

    [Fact]
    public void ReplaceMissingValues_by_slot_or_across_slots_with_each_statistic()
    {
        // By hand: slot 0 holds 1, 3, 3, NaN, +inf; slot 1 holds 10, NaN, 20, 20, 30. Infinity is not finite, so it is not counted.
        var data = _ml.Data.LoadFromEnumerable(new[]
        {
            new Gappy { Values = [1, 10] }, new Gappy { Values = [3, double.NaN] }, new Gappy { Values = [3, 20] },
            new Gappy { Values = [double.NaN, 20] }, new Gappy { Values = [double.PositiveInfinity, 30] },
        });
        double[] Filled(MissingValueReplacingEstimator.ReplacementMode mode, bool bySlot)
        {
            var model = _ml.Transforms.ReplaceMissingValues("Values", replacementMode: mode, imputeBySlot: bySlot).Fit(data);
            var stream = new MemoryStream();
            _ml.Model.Save(model, data.Schema, stream);
            stream.Position = 0;
            var rows = _ml.Model.Load(stream, out _).Transform(data).GetColumn<double[]>("Values").ToArray();
            return [rows[3][0], rows[1][1]];
        }
        Assert.Equal([7 / 3.0, 20], Filled(MissingValueReplacingEstimator.ReplacementMode.Mean, true));
        Assert.Equal([1, 10], Filled(MissingValueReplacingEstimator.ReplacementMode.Minimum, true));
        Assert.Equal([3, 30], Filled(MissingValueReplacingEstimator.ReplacementMode.Maximum, true));
        Assert.Equal([3, 20], Filled(MissingValueReplacingEstimator.ReplacementMode.Mode, true));
        // Across slots: 1, 3, 3, 10, 20, 20, 30: mean 87/7; 3 reaches a count of 2 before 20 does.
        Assert.Equal([87 / 7.0, 87 / 7.0], Filled(MissingValueReplacingEstimator.ReplacementMode.Mean, false));
        Assert.Equal([3, 3], Filled(MissingValueReplacingEstimator.ReplacementMode.Mode, false));
    }

    [Fact]
    public void IndicateMissingValues_refuses_a_column_that_cannot_be_missing()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Point { Category = "a" } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.IndicateMissingValues("Missing", "Category").Fit(data));
        Assert.Contains("'Category' is String", error.Message);
    }

    private sealed class WithWords
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public string[] Words { get; set; } = [];
    }

    [Fact]
    public void Boolean_vectors_convert_concatenate_and_a_pipeline_over_them_saves_and_loads()
    {
        var data = _ml.Data.LoadFromEnumerable(new[]
        {
            new WithWords { Features = [1, float.NaN], Words = ["a", "b"] },
            new WithWords { Features = [float.NaN, float.NaN], Words = [] },
        });
        var model = _ml.Transforms.IndicateMissingValues("Missing", "Features")
            .Append(_ml.Transforms.Conversion.ConvertType("MissingAsSingle", "Missing"))
            .Append(_ml.Transforms.ReplaceMissingValues("Features"))
            .Append(_ml.Transforms.Concatenate("All", "Features", "MissingAsSingle"))
            .Append(_ml.Transforms.Concatenate("Flags", "Missing", "Missing"))
            .Fit(data);
        var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = _ml.Model.Load(stream, out var schema);
        Assert.Equal("Vector<String>", schema["Words"].Type.ToString());
        foreach (var transformer in new[] { model, loaded })
        {
            var output = transformer.Transform(data);
            Assert.Equal("Vector<Boolean, 4>", output.Schema["Flags"].Type.ToString());
            Assert.Equal(["1 0 0 1", "0 0 1 1"], output.GetColumn<float[]>("All").Select(v => string.Join(" ", v)));
            Assert.Equal(["False True False True", "True True True True"], output.GetColumn<bool[]>("Flags").Select(v => string.Join(" ", v)));
        }
    }

    [Fact]
    public void Hash_of_a_vector_keys_each_item_missing_is_key_0_and_minus_zero_is_zero()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new WithWords { Features = [float.NaN, 0], Words = ["x", " x ", ""] }, new WithWords { Features = [-0f, 2.5f], Words = [] } });
        var model = _ml.Transforms.Conversion.Hash("FeatureKeys", "Features", numberOfBits: 4)
            .Append(_ml.Transforms.Conversion.Hash("WordKeys", "Words", numberOfBits: 20)).Fit(data);
        var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        foreach (var transformer in new[] { model, _ml.Model.Load(stream, out _) })
        {
            var output = transformer.Transform(data);
            Assert.Equal("Vector<Key<UInt32, 0-15>, 2>", output.Schema["FeatureKeys"].Type.ToString());
            // A key vector's type survives the model file's codec as an input column, too.
            var keyed = _ml.Data.Cache(output);
            var keyedStream = new MemoryStream();
            _ml.Model.Save(_ml.Transforms.CopyColumns("Copy", "FeatureKeys").Fit(keyed), keyed.Schema, keyedStream);
            keyedStream.Position = 0;
            _ml.Model.Load(keyedStream, out var keyedSchema);
            Assert.Equal(output.Schema["FeatureKeys"].Type, keyedSchema["FeatureKeys"].Type);
            var features = output.GetColumn<uint[]>("FeatureKeys").ToArray();
            Assert.Equal(0u, features[0][0]);
            Assert.Equal(features[0][1], features[1][0]);
            Assert.InRange(features[1][1], 1u, 16u);
            var words = output.GetColumn<uint[]>("WordKeys").First();
            Assert.Equal(words[0], words[1]); // text is trimmed of spaces before hashing
            Assert.Equal(0u, words[2]);
        }
    }
}
