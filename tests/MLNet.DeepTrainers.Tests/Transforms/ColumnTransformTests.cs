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
        Assert.Equal(["Y", "X", "Y"], output.Schema["Features"].Annotations.SlotNames!);
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
}
