using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Data;

/// <summary>
/// <c>CreateTextLoader</c> and <c>LoadFromTextFile</c> with <c>TextLoader.Column</c>s, against the
/// behaviour ML.NET's TextLoader documents: its sparse lines, comments, headers and default columns.
/// </summary>
public class TextLoaderColumnTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static TextLoader.Column Features(int min, int max) => new("Features", DataKind.Single, min, max);

    [Fact]
    public void Sparse_lines_read_as_TextLoader_Options_AllowSparse_documents()
    {
        // From the AllowSparse documentation: "5 2:6 4:3" is 0 0 6 0 3, and "1 2 5 2:6 4:3" two dense
        // fields then that; with InputSize 7, "1 2 2:6 4:3" is 1 2 0 0 6 0 3.
        string path = TestFiles.Write("5 2:6 4:3", "1 2 5 2:6 4:3");
        var data = _ml.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Separators = [' '],
            AllowSparse = true,
            Columns = [new TextLoader.Column("Values", DataKind.Single, [new TextLoader.Range(0) { ForceVector = true, VariableEnd = true, Max = null }])],
        });
        Assert.Equal([[0f, 0, 6, 0, 3], [1f, 2, 0, 0, 6, 0, 3]], data.GetColumn<float[]>("Values"));

        var sized = _ml.Data.LoadFromTextFile(TestFiles.Write("1 2 2:6 4:3"), new TextLoader.Options
        {
            Separators = [' '],
            AllowSparse = true,
            InputSize = 7,
            Columns = [new TextLoader.Column("Values", DataKind.Single, 0, 6)],
        });
        Assert.Equal([[1f, 2, 0, 0, 6, 0, 3]], sized.GetColumn<float[]>("Values"));
    }

    [Theory]
    [InlineData("5 2:6 1:3", "indices must increase")]
    [InlineData("5 2:6 7:3", "beyond the sparse part's length 5")]
    [InlineData("2:6", "without the length of the sparse part")]
    [InlineData("5 2:6 x", "must all be index:value")]
    [InlineData("99999999 1:1", "more than the 16777216 a line may have")]
    public void Malformed_sparse_lines_are_errors_naming_the_line(string line, string expected)
    {
        var data = _ml.Data.LoadFromTextFile(TestFiles.Write("3 0:1", line), [new TextLoader.Column("Values", DataKind.Single, 0, 2)], ' ', allowSparse: true);
        var error = Assert.Throws<FormatException>(() => data.GetColumn<float[]>("Values").ToList());
        Assert.Contains("line 2", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Comments_headers_and_several_files_read_as_MLNET_reads_them()
    {
        // '#' lines before the first data line and '//' lines anywhere are comments; each file's header is skipped.
        string first = TestFiles.Write("# a comment", "a,b,label", "1,2,3", "// another comment", "", "4,5,6");
        string second = TestFiles.Write("a,b,label", "7,8,9");
        var loader = _ml.Data.CreateTextLoader([Features(0, 1), new TextLoader.Column("Label", DataKind.Int32, 2)], ',', hasHeader: true, dataSample: new MultiFileSource(first));
        var data = loader.Load(first, second);

        Assert.Equal([3, 6, 9], data.GetColumn<int>("Label"));
        Assert.Equal([[1f, 2], [4f, 5], [7f, 8]], data.GetColumn<float[]>("Features"));
        // The sample's header names the vector's slots.
        Assert.Equal(["a", "b"], data.Schema["Features"].Annotations.SlotNames);
        Assert.Equal("Features: Vector<Single, 2> {SlotNames}", data.Schema["Features"].ToString());
        Assert.Same(loader.GetOutputSchema(), data.Schema);
    }

    [Fact]
    public void Without_columns_or_a_schema_comment_the_columns_are_MLNETs_default_Label_and_Features()
    {
        var data = _ml.Data.LoadFromTextFile(TestFiles.Write("1\t0.5\t2", "0\t1.5\t3"));
        Assert.Equal("Label: Single", data.Schema["Label"].ToString());
        Assert.Equal("Features: Vector<Single, 2>", data.Schema["Features"].ToString());
        Assert.Equal([[0.5f, 2], [1.5f, 3]], data.GetColumn<float[]>("Features"));
    }

    [Fact]
    public void Missing_fields_are_errors_unless_missing_reals_are_NaN()
    {
        string path = TestFiles.Write("a,1,2", "b,3");
        TextLoader.Column[] columns = [new("Name", DataKind.String, 0), Features(1, 2)];
        var strict = _ml.Data.LoadFromTextFile(path, columns, ',');
        Assert.Contains("line 2: has 2 fields", Assert.Throws<FormatException>(() => strict.GetColumn<float[]>("Features").ToList()).Message);

        var lenient = _ml.Data.LoadFromTextFile(path, new TextLoader.Options { Separators = [','], Columns = columns, MissingRealsAsNaNs = true });
        Assert.Equal([[1f, 2], [3f, float.NaN]], lenient.GetColumn<float[]>("Features"));
        // An empty field and ML.NET's "?" are missing values either way.
        Assert.Equal([[float.NaN, float.NaN]], _ml.Data.LoadFromTextFile(TestFiles.Write("x,,?"), columns, ',').GetColumn<float[]>("Features"));
    }

    [Fact]
    public void Column_definitions_that_cannot_be_read_are_refused_naming_the_fix()
    {
        string path = TestFiles.Write("1,2,3");
        Assert.Contains("dataSample", Assert.Throws<InvalidOperationException>(() =>
            _ml.Data.CreateTextLoader([new TextLoader.Column("F", DataKind.Single, [new TextLoader.Range(0, null)])], ',')).Message);
        Assert.Contains("two columns named 'F'", Assert.Throws<ArgumentException>(() =>
            _ml.Data.CreateTextLoader([new TextLoader.Column("F", DataKind.Single, 0), new TextLoader.Column("F", DataKind.Single, 1)])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextLoader.Range(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextLoader.Range(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.CreateTextLoader([new TextLoader.Column("F", (DataKind)99, 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.CreateTextLoader([new TextLoader.Column("F", DataKind.Single, 0, int.MaxValue)]));
        Assert.Contains("No file matches", Assert.Throws<FileNotFoundException>(() => _ml.Data.CreateTextLoader([Features(0, 1)]).Load(Path.Combine(Path.GetDirectoryName(path)!, "none_*.csv"))).Message);
    }

    public sealed class Typed
    {
        [LoadColumn(0)] public string Name { get; set; } = "";
        [LoadColumn(1, 2)] public string[] Tags { get; set; } = [];
        [LoadColumn(3)] public DateTime When { get; set; }
    }

    [Fact]
    public void A_row_class_loader_reads_vectors_of_any_item_type()
    {
        string path = TestFiles.Write("a\tx\ty\t2024-01-02T03:04:05");
        var rows = _ml.Data.CreateEnumerable<Typed>(_ml.Data.CreateTextLoader<Typed>().Load(path), false).ToList();
        Assert.Equal(["x", "y"], rows[0].Tags);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5), rows[0].When);
    }
}
