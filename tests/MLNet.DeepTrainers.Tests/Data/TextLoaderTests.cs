using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Data;

public class TextLoaderTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Sample
    {
        [LoadColumn(0)] public string Name { get; set; } = "";
        [LoadColumn(1, 3)] public float[] Values { get; set; } = [];
        [LoadColumn(4), ColumnName("Target")] public float Label { get; set; }
        [LoadColumn(5)] public bool Flag { get; set; }
    }

    [Fact]
    public void Reads_header_separator_ranges_and_names()
    {
        string path = TestFiles.Write("name;a;b;c;label;flag", "first;1;2;3;4.5;true", "", "second;-1;0.5;1e3;-2;0");
        var data = _ml.Data.LoadFromTextFile<Sample>(path, separatorChar: ';', hasHeader: true);

        Assert.Equal(3, Assert.IsType<VectorDataViewType>(data.Schema["Values"].Type).Size);
        Assert.Null(data.Schema["Values"].Annotations.SlotNames); // LoadFromTextFile<T> takes no data sample, as ML.NET's
        var named = _ml.Data.CreateTextLoader<Sample>(';', hasHeader: true, dataSample: new MultiFileSource(path)).Load(path);
        Assert.Equal(["a", "b", "c"], named.Schema["Values"].Annotations.SlotNames);
        Assert.NotNull(data.Schema.GetColumnOrNull("Target"));
        var rows = _ml.Data.CreateEnumerable<Sample>(data, false).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("second", rows[1].Name);
        Assert.Equal([-1f, 0.5f, 1000f], rows[1].Values);
        Assert.Equal(4.5f, rows[0].Label);
        Assert.True(rows[0].Flag);
        Assert.False(rows[1].Flag);
    }

    [Fact]
    public void Quoted_fields_keep_separators_and_escaped_quotes()
    {
        string path = TestFiles.Write("\"a, \"\"quoted\"\" name\",1,2,3,4,1", " plain ,1,2,3,4,0");
        var rows = _ml.Data.CreateEnumerable<Sample>(_ml.Data.LoadFromTextFile<Sample>(path, ',', allowQuoting: true, trimWhitespace: true), false).ToList();

        Assert.Equal("a, \"quoted\" name", rows[0].Name);
        Assert.Equal("plain", rows[1].Name);
    }

    [Fact]
    public void A_non_numeric_value_names_the_file_line_and_column()
    {
        string path = TestFiles.Write("name,a,b,c,label,flag", "x,1,2,3,4,1", "y,1,oops,3,4,1");
        var data = _ml.Data.LoadFromTextFile<Sample>(path, ',', hasHeader: true);

        var error = Assert.Throws<FormatException>(() => _ml.Data.CreateEnumerable<Sample>(data, false).ToList());
        Assert.Contains(path, error.Message);
        Assert.Contains("line 3", error.Message);
        Assert.Contains("'Values'", error.Message);
        Assert.Contains("'oops'", error.Message);
    }

    [Fact]
    public void A_short_line_names_its_line_and_the_separator()
    {
        string path = TestFiles.Write("x,1,2,3,4,1", "y;1;2;3;4;1");
        var error = Assert.Throws<FormatException>(() => _ml.Data.CreateEnumerable<Sample>(_ml.Data.LoadFromTextFile<Sample>(path, ','), false).ToList());
        Assert.Contains("line 2", error.Message);
        Assert.Contains("separator", error.Message);
    }

    [Fact]
    public void Members_without_LoadColumn_and_missing_files_are_reported()
    {
        string path = TestFiles.Write("1,2");
        Assert.Contains("[LoadColumn", Assert.Throws<InvalidOperationException>(() => _ml.Data.LoadFromTextFile<Point>(path, ',')).Message);
        Assert.Contains("nowhere.csv", Assert.Throws<FileNotFoundException>(() => _ml.Data.LoadFromTextFile<Sample>("nowhere.csv")).Message);
    }

    [Fact]
    public void Reading_is_streamed_and_lazy()
    {
        // A bad line far down the file is never parsed when only the first rows are read.
        var lines = Enumerable.Range(0, 1000).Select(i => $"r{i},1,2,3,{i},1").Append("broken,x,x,x,x,x").ToArray();
        var data = _ml.Data.LoadFromTextFile<Sample>(TestFiles.Write(lines), ',');

        Assert.Null(data.GetRowCount());
        var first = _ml.Data.CreateEnumerable<Sample>(_ml.Data.TakeRows(data, 3), false).Select(r => r.Label).ToList();
        Assert.Equal([0f, 1f, 2f], first);
        Assert.Throws<FormatException>(() => _ml.Data.CreateEnumerable<Sample>(data, false).Count());
    }
}
