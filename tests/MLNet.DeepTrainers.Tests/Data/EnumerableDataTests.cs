using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Data;

public class EnumerableDataTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Schema_follows_the_row_class()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new AllTypes { Vector = [1, 2, 3] } });
        var types = data.Schema.ToDictionary(c => c.Name, c => c.Type);

        Assert.Equal(["Single", "Double", "Int32", "Int64", "Boolean", "Text", "Key", "Vector", "Renamed"], data.Schema.Select(c => c.Name));
        Assert.Equal(NumberDataViewType.Single, types["Single"]);
        Assert.Equal(NumberDataViewType.Double, types["Double"]);
        Assert.Equal(NumberDataViewType.Int32, types["Int32"]);
        Assert.Equal(NumberDataViewType.Int64, types["Int64"]);
        Assert.Equal(BooleanDataViewType.Instance, types["Boolean"]);
        Assert.Equal(TextDataViewType.Instance, types["Text"]);
        Assert.Equal(4UL, Assert.IsType<KeyDataViewType>(types["Key"]).Count);
        Assert.Equal(3, Assert.IsType<VectorDataViewType>(types["Vector"]).Size);
    }

    [Fact]
    public void Values_round_trip_through_CreateEnumerable()
    {
        var rows = new[]
        {
            new AllTypes { Single = 1.5f, Double = 2.25, Int32 = -3, Int64 = 1L << 40, Boolean = true, Text = "a", Key = 2, Vector = [1, 2, 3], Original = 7 },
            new AllTypes { Single = -1, Double = 0.1, Int32 = 4, Int64 = -5, Boolean = false, Text = "", Key = 0, Vector = [4, 5, 6], Original = 8 },
        };
        var back = _ml.Data.CreateEnumerable<AllTypes>(_ml.Data.LoadFromEnumerable(rows), reuseRowObject: false).ToList();

        Assert.Equal(2, back.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i].Single, back[i].Single);
            Assert.Equal(rows[i].Double, back[i].Double);
            Assert.Equal(rows[i].Int32, back[i].Int32);
            Assert.Equal(rows[i].Int64, back[i].Int64);
            Assert.Equal(rows[i].Boolean, back[i].Boolean);
            Assert.Equal(rows[i].Text, back[i].Text);
            Assert.Equal(rows[i].Key, back[i].Key);
            Assert.Equal(rows[i].Vector, back[i].Vector);
            Assert.NotSame(rows[i].Vector, back[i].Vector);
            Assert.Equal(rows[i].Original, back[i].Original);
        }
    }

    [Fact]
    public void Reused_row_object_is_the_same_instance_each_row()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = [1, 2] }, new VectorRow { Features = [3, 4] } });
        var seen = new List<(VectorRow Row, float First)>();
        foreach (var row in _ml.Data.CreateEnumerable<VectorRow>(data, reuseRowObject: true))
            seen.Add((row, row.Features[0]));

        Assert.Same(seen[0].Row, seen[1].Row);
        Assert.Equal([1f, 3f], seen.Select(s => s.First));
    }

    [Fact]
    public void A_vector_of_the_wrong_size_names_the_row_and_member()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = [1, 2] }, new VectorRow { Features = [1, 2, 3] } });
        var error = Assert.Throws<InvalidOperationException>(() => _ml.Data.CreateEnumerable<VectorRow>(data, false).ToList());
        Assert.Contains("Row 1", error.Message);
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("3 values", error.Message);
    }

    [Fact]
    public void An_array_without_VectorType_is_a_vector_whose_size_varies_as_in_MLNET()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Unsized { Values = [1, 2, 3] }, new Unsized { Values = [] }, new Unsized { Values = null! }, new Unsized { Values = [4] } });
        var type = Assert.IsType<VectorDataViewType>(data.Schema["Values"].Type);
        Assert.False(type.IsKnownSize);
        Assert.Equal(0, type.Size);
        Assert.Equal("Vector<Single>", type.ToString());
        Assert.Equal(["1 2 3", "", "", "4"], data.GetColumn<float[]>("Values").Select(v => string.Join(" ", v)));
    }

    [Fact]
    public void A_trainer_or_normalizer_refuses_a_vector_whose_size_varies_with_the_fix()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Unsized { Values = [1, 2] } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.NormalizeMinMax("Values").Fit(data));
        Assert.Contains("variable-size vector", error.Message);
        Assert.Contains("[VectorType(n)]", error.Message);
    }

    public sealed class Mixed
    {
        [VectorType(2)] public bool[] Flags { get; set; } = [];
        public string[] Words { get; set; } = [];
        public DateTime When { get; set; }
        public TimeSpan Took { get; set; }
        public DateTimeOffset Stamp { get; set; }
    }

    [Fact]
    public void Vectors_of_any_primitive_type_and_time_columns_round_trip_through_the_data_layer()
    {
        var when = new DateTime(2024, 2, 29, 13, 45, 0, DateTimeKind.Utc);
        var rows = new[]
        {
            new Mixed { Flags = [true, false], Words = ["a", "b", "c"], When = when, Took = TimeSpan.FromMinutes(90), Stamp = new DateTimeOffset(when).ToOffset(TimeSpan.FromHours(2)) },
            new Mixed { Flags = [false, false], Words = [], When = when.AddDays(1), Took = TimeSpan.Zero, Stamp = default },
        };
        var data = _ml.Data.LoadFromEnumerable(rows);
        Assert.Equal("Vector<Boolean, 2>", data.Schema["Flags"].Type.ToString());
        Assert.Equal("Vector<String>", data.Schema["Words"].Type.ToString());
        Assert.Equal(DateTimeDataViewType.Instance, data.Schema["When"].Type);
        Assert.Equal(TimeSpanDataViewType.Instance, data.Schema["Took"].Type);
        Assert.Equal(DateTimeOffsetDataViewType.Instance, data.Schema["Stamp"].Type);
        var cached = _ml.Data.Cache(data);
        var back = _ml.Data.CreateEnumerable<Mixed>(cached, reuseRowObject: false).ToList();
        Assert.Equal(rows.Select(r => (string.Join(",", r.Flags), string.Join(",", r.Words), r.When, r.Took, r.Stamp)),
            back.Select(r => (string.Join(",", r.Flags), string.Join(",", r.Words), r.When, r.Took, r.Stamp)));
    }

    [Fact]
    public void Missing_column_for_a_member_lists_the_columns_that_exist()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = [1, 2] } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.CreateEnumerable<Point>(data, false));
        Assert.Contains("'X'", error.Message);
        Assert.Contains("'Features'", error.Message);
        Assert.Equal(0f, Assert.Single(_ml.Data.CreateEnumerable<Point>(data, false, ignoreMissingColumns: true)).X);
    }

    [Fact]
    public void Preview_shows_the_first_rows()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(i => new Point { X = i, Y = 2 * i, Category = $"c{i}" }));
        var preview = data.Preview(maxRows: 3);

        Assert.Equal(3, preview.RowView.Length);
        Assert.Equal(2f, preview.RowView[1].Values.Single(v => v.Key == "Y").Value);
        Assert.Equal(["c0", "c1", "c2"], preview.ColumnView.Single(c => c.Column.Name == "Category").Values);
        Assert.Contains("c2", preview.ToString());
    }

    public sealed class Unsized
    {
        public float[] Values { get; set; } = [];
    }
}
