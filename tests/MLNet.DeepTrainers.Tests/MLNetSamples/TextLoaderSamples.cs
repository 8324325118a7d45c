using System.Text;
using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>
/// ML.NET's text loading and saving samples (docs/samples/Microsoft.ML.Samples/Dynamic/DataOperations/
/// LoadingText.cs and SaveAndLoadFromText.cs), done as each sample does them, with the output it prints.
/// </summary>
public class TextLoaderSamples
{
    private sealed class DataPoint
    {
        public float Label { get; set; }
        public float Features { get; set; }
    }

    private sealed class Data
    {
        [LoadColumn(0, 9)] public float[] Features { get; set; } = [];
    }

    private static long RowCount(IDataView data)
    {
        long rows = 0;
        using var cursor = data.GetRowCursor(data.Schema);
        while (cursor.MoveNext())
            rows++;
        return rows;
    }

    [Fact]
    public void SaveAndLoadFromText()
    {
        var ml = new MLContext(seed: 0);
        var points = new List<DataPoint>
        {
            new() { Label = 0, Features = 4 }, new() { Label = 0, Features = 5 }, new() { Label = 0, Features = 6 },
            new() { Label = 1, Features = 8 }, new() { Label = 1, Features = 9 },
        };
        string path = Path.Combine(TestFiles.ScratchFolder(), "data.tsv");
        using (var stream = new FileStream(path, FileMode.Create))
            ml.Data.SaveAsText(ml.Data.LoadFromEnumerable(points), stream);

        var loaded = ml.Data.LoadFromTextFile(path);
        Assert.Equal(["0, 4", "0, 5", "0, 6", "1, 8", "1, 9"], ml.Data.CreateEnumerable<DataPoint>(loaded, reuseRowObject: false).Select(r => $"{r.Label}, {r.Features}"));

        // The file as ML.NET's TextSaver lays it out: the schema comment, the header row, the rows.
        Assert.Equal(["#@ TextLoader{", "#@   header+", "#@   sep=tab", "#@   col=Label:R4:0", "#@   col=Features:R4:1", "#@ }", "Label\tFeatures", "0\t4", "0\t5", "0\t6", "1\t8", "1\t9"],
            File.ReadAllLines(path));
    }

    [Fact]
    public void LoadingText()
    {
        // Five files of 10 lines of 10 tab-separated values, about 80% of them 0, as the sample writes them.
        string folder = TestFiles.ScratchFolder();
        var files = new List<string>();
        var random = new Random(1);
        for (int i = 0; i < 5; i++)
        {
            string file = Path.Combine(folder, $"Data_{i}.csv");
            files.Add(file);
            using var writer = File.CreateText(file);
            for (int line = 0; line < 10; line++)
            {
                var text = new StringBuilder();
                for (int pos = 0; pos < 10; pos++)
                {
                    double value = random.NextDouble();
                    text.Append((value < 0.8 ? 0 : value).ToString(System.Globalization.CultureInfo.InvariantCulture) + '\t');
                }
                writer.WriteLine(text.ToString(0, text.Length - 1));
            }
        }

        var ml = new MLContext();
        var loader = ml.Data.CreateTextLoader(columns: [new TextLoader.Column("Features", DataKind.Single, 0, 9)], hasHeader: false);
        var single = loader.Load(files[0]);
        Assert.Equal(10, RowCount(single));
        Assert.Equal(50, RowCount(loader.Load(files.ToArray())));
        Assert.Equal(50, RowCount(loader.Load(Path.Combine(folder, "Data_*.csv"))));

        Assert.Equal(10, RowCount(ml.Data.CreateTextLoader<Data>(hasHeader: false).Load(files[0])));

        var sample = new MultiFileSource(files[0]);
        var inferred = ml.Data.CreateTextLoader(columns: [new TextLoader.Column("Features", DataKind.Single, [new TextLoader.Range(0, null)])], dataSample: sample).Load(files[0]);
        Assert.Equal("Features: Vector<Single, 10>", inferred.Schema.GetColumnOrNull("Features")!.Value.ToString());
        Assert.Equal(10, RowCount(inferred));

        // Saved dense here (ML.NET writes this data sparse); a sparse-allowing loader reads either.
        string saved = Path.Combine(folder, "saved_data.tsv");
        using (var stream = new FileStream(saved, FileMode.Create))
            ml.Data.SaveAsText(single, stream);
        Assert.Equal(10, RowCount(ml.Data.CreateTextLoader(columns: [new TextLoader.Column("Features", DataKind.Single, 0, 9)], allowSparse: true).Load(saved)));
        Assert.Contains("#@   col=Features:R4:0-9", File.ReadAllLines(saved));

        var withSchema = ml.Data.CreateTextLoader(new TextLoader.Options { AllowSparse = true }, dataSample: new MultiFileSource(saved)).Load(saved);
        Assert.Equal(10, RowCount(withSchema));
        Assert.Equal(single.GetColumn<float[]>("Features").SelectMany(v => v), withSchema.GetColumn<float[]>("Features").SelectMany(v => v));
    }
}
