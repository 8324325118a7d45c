using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Data;

/// <summary>
/// <c>SaveAsText</c> and reading its files back with <c>LoadFromTextFile(path)</c>: every column type
/// and awkward value survives, and a hostile or damaged schema comment is a <see cref="FormatException"/>
/// naming the file and line, never another exception or a silently different schema.
/// </summary>
public class SaveAsTextTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Everything
    {
        public float Single { get; set; }
        public double Double { get; set; }
        public int Int { get; set; }
        public long Long { get; set; }
        public bool Flag { get; set; }
        public string Text { get; set; } = "";
        public DateTime When { get; set; }
        public DateTimeOffset WhenOffset { get; set; }
        public TimeSpan Span { get; set; }
        [VectorType(3)] public float[] Vector { get; set; } = [];
        public string[] Words { get; set; } = [];
    }

    private static List<Everything> Rows() =>
    [
        new() { Single = float.NaN, Double = 1.0 / 3, Int = -7, Long = long.MaxValue, Flag = true, Text = "a\tb \"quoted\"", When = new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc),
            WhenOffset = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)), Span = TimeSpan.FromMinutes(90.5), Vector = [1.5f, float.PositiveInfinity, -0f], Words = ["x", "", " y"] },
        new() { Single = 3.4028235e38f, Double = -2e-300, Text = "", Vector = [float.Epsilon, 0.1f, 1e-7f], Words = [] },
        new() { Single = 0.1f, Text = "# not a comment", Vector = [1, 2, 3], Words = ["//", "z"] },
    ];

    private string Save(IDataView data, bool schema = true)
    {
        string path = Path.Combine(TestFiles.ScratchFolder(), "saved.tsv");
        using var stream = File.Create(path);
        _ml.Data.SaveAsText(data, stream, schema: schema);
        return path;
    }

    [Fact]
    public void Every_column_type_and_awkward_value_reads_back_the_same()
    {
        var data = _ml.Data.LoadFromEnumerable(Rows());
        var loaded = _ml.Data.LoadFromTextFile(Save(data));

        Assert.Equal(data.Schema.Select(c => c.ToString()), loaded.Schema.Select(c => c.ToString()));
        var expected = Rows();
        var actual = _ml.Data.CreateEnumerable<Everything>(loaded, reuseRowObject: false).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Single, actual[i].Single);
            Assert.Equal(expected[i].Double, actual[i].Double);
            Assert.Equal((expected[i].Int, expected[i].Long, expected[i].Flag, expected[i].Text), (actual[i].Int, actual[i].Long, actual[i].Flag, actual[i].Text));
            Assert.Equal((expected[i].When, expected[i].When.Kind, expected[i].WhenOffset, expected[i].Span), (actual[i].When, actual[i].When.Kind, actual[i].WhenOffset, actual[i].Span));
            Assert.Equal(expected[i].Vector, actual[i].Vector);
            Assert.Equal(expected[i].Words, actual[i].Words);
        }
    }

    [Fact]
    public void Slot_names_are_the_header_and_come_back()
    {
        var data = _ml.Transforms.Concatenate("Features", "A", "B").Fit(_ml.Data.LoadFromEnumerable(new[] { new { A = 1f, B = 2f } }.Select(r => new Pair { A = r.A, B = r.B }).ToList()))
            .Transform(_ml.Data.LoadFromEnumerable(new List<Pair> { new() { A = 1, B = 2 } }));
        string path = Save(data);
        Assert.Contains("A\tB\tA\tB", File.ReadAllLines(path));
        Assert.Equal(["A", "B"], _ml.Data.LoadFromTextFile(path).Schema["Features"].Annotations.SlotNames);
    }

    public sealed class Pair
    {
        public float A { get; set; }
        public float B { get; set; }
    }

    public sealed class LabelledVector
    {
        public float Label { get; set; }
        [VectorType(10)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Rows_of_mostly_zeros_are_written_in_MLNets_sparse_form_and_read_back_the_same()
    {
        // Lines by ML.NET's TextSaver rule, worked by hand: a field costs 1, an index:value entry 2.5,
        // and the line splits at the column boundary where the sum is least. Row 1: dense Label (1) +
        // 2 entries (5) = 6 beats 3 entries (7.5) and all 11 fields dense. Row 2, all zeros: no dense
        // part and one "0:" entry, as ML.NET writes it. Row 3, nine non-zeros: dense (11 < 1 + 22.5).
        var rows = new List<LabelledVector>
        {
            new() { Label = 1, Features = [0, 0, 0.5f, 0, 0, 0, 0, 3, 0, 0] },
            new() { Label = 0, Features = new float[10] },
            new() { Label = 2, Features = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0] },
        };
        string path = Save(_ml.Data.LoadFromEnumerable(rows));

        var lines = File.ReadAllLines(path);
        Assert.Contains("#@   sparse+", lines);
        Assert.Equal(["1\t10\t2:0.5\t7:3", "11\t0:0", "2\t1\t2\t3\t4\t5\t6\t7\t8\t9\t0"], lines[^3..]);
        var loaded = _ml.Data.LoadFromTextFile(path);
        var back = _ml.Data.CreateEnumerable<LabelledVector>(loaded, reuseRowObject: false).ToList();
        Assert.Equal(rows.Select(r => (r.Label, string.Join(",", r.Features))), back.Select(r => (r.Label, string.Join(",", r.Features))));
        // Read as VBuffers, the sparse lines give their entries only.
        Assert.Equal([2, 0, 10], loaded.GetColumn<VBuffer<float>>("Features").Select(v => v.GetValues().Length));

        using var stream = new MemoryStream();
        _ml.Data.SaveAsText(_ml.Data.LoadFromEnumerable(rows), stream, forceDense: true);
        var denseLines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("#@   sparse+", denseLines);
        Assert.Equal("1\t0\t0\t0.5\t0\t0\t0\t0\t3\t0\t0", denseLines[^3]);
    }

    [Fact]
    public void A_hashed_bag_of_words_saves_sparsely_and_loads_back_sparse_with_the_same_values()
    {
        var text = _ml.Data.LoadFromTextFile<TextRow>(TestFiles.Data("text/imdb_sentences.tsv"));
        var bags = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 16)
            .Append(_ml.Transforms.SelectColumns("Label", "Bag")).Fit(text).Transform(text);
        string path = Save(bags);

        // 1,000 rows of 65,537 fields would be about 130 MB dense; sparse, a few dozen entries a row.
        Assert.True(new FileInfo(path).Length < 1_000_000, $"{new FileInfo(path).Length} bytes");
        var loaded = _ml.Data.LoadFromTextFile(path);
        var expected = bags.GetColumn<VBuffer<float>>("Bag").ToArray();
        var actual = loaded.GetColumn<VBuffer<float>>("Bag").ToArray();
        Assert.Equal(1000, actual.Length);
        for (int r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r].GetValues().Length, actual[r].GetValues().Length);
            Assert.Equal(expected[r].Items(), actual[r].Items());
        }
        Assert.Equal(bags.GetColumn<bool>("Label"), loaded.GetColumn<bool>("Label"));
    }

    public sealed class TextRow
    {
        [LoadColumn(0)] public string Text { get; set; } = "";
        [LoadColumn(1)] public bool Label { get; set; }
    }

    [Fact]
    public void A_file_with_text_is_written_dense_as_an_index_value_field_could_be_text()
    {
        var data = _ml.Data.LoadFromEnumerable(new List<TextRow> { new() { Label = true, Text = "2:x" } });
        var bags = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 4).Fit(data).Transform(data);
        string path = Save(bags);

        Assert.DoesNotContain("#@   sparse+", File.ReadAllLines(path));
        Assert.Equal(2 + 16, File.ReadAllLines(path)[^1].Split('\t').Length);
        Assert.Equal("2:x", _ml.Data.LoadFromTextFile(path).GetColumn<string>("Text").Single());
    }

    [Fact]
    public void What_text_cannot_hold_is_refused_before_anything_is_written()
    {
        var keys = _ml.Transforms.Conversion.MapValueToKey("Key", "Text").Append(_ml.Transforms.SelectColumns("Int", "Key")).Fit(_ml.Data.LoadFromEnumerable(Rows())).Transform(_ml.Data.LoadFromEnumerable(Rows()));
        using var stream = new MemoryStream();
        Assert.Contains("MapKeyToValue", Assert.Throws<ArgumentException>(() => _ml.Data.SaveAsText(keys, stream)).Message);
        var renamed = _ml.Transforms.CopyColumns("bad name", "Text").Append(_ml.Transforms.SelectColumns("bad name")).Fit(_ml.Data.LoadFromEnumerable(Rows())).Transform(_ml.Data.LoadFromEnumerable(Rows()));
        Assert.Contains("rename it", Assert.Throws<ArgumentException>(() => _ml.Data.SaveAsText(renamed, stream)).Message);
        var wordsFirst = _ml.Transforms.SelectColumns("Words", "Int").Fit(_ml.Data.LoadFromEnumerable(Rows())).Transform(_ml.Data.LoadFromEnumerable(Rows()));
        Assert.Contains("put it last", Assert.Throws<ArgumentException>(() => _ml.Data.SaveAsText(wordsFirst, stream)).Message);
        Assert.Throws<ArgumentException>(() => _ml.Data.SaveAsText(_ml.Data.LoadFromEnumerable(Rows()), stream, separatorChar: '.'));
        Assert.Equal(0, stream.Length);
    }

    [Theory]
    [InlineData("#@   colour=Features:R4:0", "'colour=Features:R4:0' is not one this library reads", 2)]
    [InlineData("#@   col=Features:U4[10]:0", "key column", 2)]
    [InlineData("#@   col=Features:XX:0", "not a column kind", 2)]
    [InlineData("#@   col=Features:R4:5-2", "not a field range", 2)]
    [InlineData("#@   col=Features:R4:0-99999999999", "not a field range", 2)]
    [InlineData("#@   sep=nothing", "not a separator", 2)]
    [InlineData("#@   size=-1", "not a line size", 2)]
    [InlineData("col=Features:R4:0", "does not start with '#@'", 2)]
    public void A_bad_schema_comment_is_a_FormatException_naming_the_file_and_line(string badLine, string expected, int line)
    {
        string path = TestFiles.Write("#@ TextLoader{", badLine, "#@ }", "1");
        var error = Assert.Throws<FormatException>(() => _ml.Data.LoadFromTextFile(path));
        Assert.Contains($"{path}, line {line}", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_schema_comment_with_no_end_or_unreadable_columns_is_a_FormatException()
    {
        Assert.Contains("no closing", Assert.Throws<FormatException>(() => _ml.Data.LoadFromTextFile(TestFiles.Write("#@ TextLoader{", "#@   sep=tab"))).Message);
        Assert.Contains("two columns named", Assert.Throws<FormatException>(() =>
            _ml.Data.LoadFromTextFile(TestFiles.Write("#@ TextLoader{", "#@   col=A:R4:0", "#@   col=A:R4:1", "#@ }", "1\t2"))).Message);
        Assert.Contains("only 1 fields", Assert.Throws<FormatException>(() =>
            _ml.Data.LoadFromTextFile(TestFiles.Write("#@ TextLoader{", "#@   col=A:R4:3-*", "#@ }", "1"))).Message);
    }

    [Fact]
    public void Damaged_saved_files_load_and_read_or_fail_with_a_FormatException()
    {
        // A fuzz test: random edits of a saved file (characters replaced, inserted or deleted, lines
        // dropped or repeated) of a dense file and of a sparse one. Whatever the edit, loading and reading
        // every column (vectors as arrays and as VBuffers) either works or throws FormatException, the
        // one exception a bad text file gives.
        string dense = File.ReadAllText(Save(_ml.Data.LoadFromEnumerable(Rows())));
        string sparse = File.ReadAllText(Save(_ml.Data.LoadFromEnumerable(new List<LabelledVector>
        {
            new() { Label = 1, Features = [0, 0, 0.5f, 0, 0, 0, 0, 3, 0, 0] },
            new() { Label = 0, Features = new float[10] },
            new() { Label = 2, Features = [0, 0, 0, 0, 0, 0, 0, 0, 0, 9] },
        })));
        const string alphabet = "\t\n:=-*,#@{}\"?01239.xR4TXBLcolsepheadersparse+ ";
        var random = new Random(12345);
        string folder = TestFiles.ScratchFolder();
        for (int trial = 0; trial < 600; trial++)
        {
            var text = new System.Text.StringBuilder(trial % 3 == 2 ? sparse : dense);
            for (int edit = random.Next(1, 4); edit > 0; edit--)
            {
                int at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 2: text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)); break;
                    default:
                        var lines = text.ToString().Split('\n').ToList();
                        int line = random.Next(lines.Count);
                        if (random.Next(2) == 0) lines.RemoveAt(line); else lines.Insert(line, lines[line]);
                        text = new System.Text.StringBuilder(string.Join('\n', lines));
                        break;
                }
            }
            string path = Path.Combine(folder, $"damaged{trial}.tsv");
            File.WriteAllText(path, text.ToString());
            try
            {
                var data = _ml.Data.LoadFromTextFile(path);
                using var cursor = data.GetRowCursor(data.Schema);
                var getters = data.Schema.Select(c => ReadAll(cursor, c, c.Type.RawType))
                    .Concat(data.Schema.Where(c => c.Type is VectorDataViewType { ItemType: not TextDataViewType })
                        .Select(c => ReadAll(cursor, c, typeof(VBuffer<>).MakeGenericType(((VectorDataViewType)c.Type).ItemType.RawType)))).ToArray();
                while (cursor.MoveNext())
                {
                    foreach (var read in getters)
                        read();
                }
            }
            catch (FormatException)
            {
            }
        }
    }

    private static Action ReadAll(DataViewRowCursor cursor, DataViewSchema.Column column, Type asType)
    {
        var method = typeof(SaveAsTextTests).GetMethod(nameof(Reader), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (Action)method.MakeGenericMethod(asType).Invoke(null, [cursor, column])!;
    }

    private static Action Reader<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<T>(column);
        T value = default!;
        return () => get(ref value);
    }
}
