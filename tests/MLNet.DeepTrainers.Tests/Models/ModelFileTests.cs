using System.IO.Compression;
using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Models;

namespace MLNet.DeepTrainers.Tests.Models;

public class ModelFileTests
{
    private readonly MLContext _ml = new(seed: 3);

    private IDataView Data() => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(i => new Point
    {
        X = i % 7,
        Y = (i % 7) * 2 + (i % 3 == 0 ? 5 : 0),
        Category = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToList());

    private ITransformer Train(IDataView data) =>
        _ml.Transforms.Categorical.OneHotEncoding("CategoryCode", "Category")
            .Append(_ml.Transforms.Concatenate("Features", "X", "CategoryCode"))
            .Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Append(_ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "Y", HiddenLayers = [8], Epochs = 3, DropoutRate = 0.1f }))
            .Fit(data);

    private float[] Scores(ITransformer model, IDataView data) =>
        _ml.Data.CreateEnumerable<Scored>(model.Transform(data), false).Select(s => s.Score).ToArray();

    [Fact]
    public void A_saved_pipeline_loads_and_predicts_identically_to_the_last_bit()
    {
        var data = Data();
        var model = Train(data);
        string path = Path.Combine(TestFiles.ScratchFolder(), "model.zip");
        _ml.Model.Save(model, data.Schema, path);

        var loaded = new MLContext().Model.Load(path, out var schema);

        Assert.Equal(data.Schema.Select(c => (c.Name, c.Type)), schema.Select(c => (c.Name, c.Type)));
        Assert.Equal(Scores(model, data).Select(BitConverter.SingleToInt32Bits), Scores(loaded, data).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void The_stream_overloads_round_trip_and_the_zip_follows_the_documented_layout()
    {
        var data = Data();
        var model = Train(data);
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);

        stream.Position = 0;
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
            Assert.Equal(4, (int)manifest["formatVersion"]!);
            Assert.Equal(["OneHotEncoding", "Concatenate", "Normalize", "RegressionPrediction"], manifest["stages"]!.AsArray().Select(s => (string)s!["kind"]!));
            Assert.NotNull(zip.GetEntry("stages/3/weights.safetensors"));
        }
        stream.Position = 0;
        var loaded = _ml.Model.Load(stream, out _);
        Assert.Equal(Scores(model, data), Scores(loaded, data));
    }

    [Fact]
    public void A_prediction_engine_predicts_single_rows_like_the_batch()
    {
        var data = Data();
        var model = Train(data);
        var engine = _ml.Model.CreatePredictionEngine<Point, Scored>(model);
        var rows = _ml.Data.CreateEnumerable<Point>(data, false).Take(5).ToList();

        Assert.Equal(Scores(model, data).Take(5), rows.Select(r => engine.Predict(r).Score));
    }

    [Fact]
    public void A_loaded_model_is_safe_to_share_between_threads()
    {
        var data = Data();
        using var stream = new MemoryStream();
        _ml.Model.Save(Train(data), data.Schema, stream);
        stream.Position = 0;
        var loaded = _ml.Model.Load(stream, out _);
        var rows = _ml.Data.CreateEnumerable<Point>(data, false).ToList();
        var expected = Scores(loaded, data);

        // One prediction engine per thread, as ML.NET prescribes, all over the same transformer.
        var results = new float[4][];
        Parallel.For(0, 4, t =>
        {
            var engine = _ml.Model.CreatePredictionEngine<Point, Scored>(loaded);
            results[t] = rows.Select(r => engine.Predict(r).Score).ToArray();
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_reported()
    {
        string path = Path.Combine(TestFiles.ScratchFolder(), "noise.zip");
        File.WriteAllBytes(path, Enumerable.Range(0, 300).Select(i => (byte)(i * 37)).ToArray());
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("noise.zip", error.Message);
        Assert.Contains("not a model file", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_reported()
    {
        var data = Data();
        using var stream = new MemoryStream();
        _ml.Model.Save(Train(data), data.Schema, stream);
        var truncated = new MemoryStream(stream.ToArray()[..(int)(stream.Length * 2 / 3)]);

        Assert.Throws<InvalidDataException>(() => _ml.Model.Load(truncated, out _));
    }

    [Fact]
    public void An_unknown_format_version_is_reported_with_both_versions()
    {
        var data = Data();
        var stream = new MemoryStream();
        _ml.Model.Save(Train(data), data.Schema, stream);
        Rewrite(stream, "manifest.json", json => json["formatVersion"] = 99);

        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(stream, out _));
        Assert.Contains("version 99", error.Message);
        Assert.Contains($"version {ModelFile.FormatVersion}", error.Message);
    }

    [Fact]
    public void A_weight_of_the_wrong_shape_fails_the_load_not_a_later_prediction()
    {
        var data = Data();
        var stream = new MemoryStream();
        _ml.Model.Save(Train(data), data.Schema, stream);
        Rewrite(stream, "stages/3/parameters.json", json => json["inputShape"] = new JsonArray(5));

        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(stream, out _));
        Assert.Contains("0.weight", error.Message);
    }

    [Fact]
    public void A_failed_save_leaves_the_old_file_intact()
    {
        var data = Data();
        string folder = TestFiles.ScratchFolder();
        string path = Path.Combine(folder, "model.zip");
        _ml.Model.Save(Train(data), data.Schema, path);
        var before = File.ReadAllBytes(path);

        Assert.Throws<NotSupportedException>(() => _ml.Model.Save(new Unsavable(), data.Schema, path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.zip"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    private static void Rewrite(MemoryStream stream, string entryName, Action<JsonObject> change)
    {
        stream.Position = 0;
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(entryName)!;
            JsonObject json;
            using (var read = entry.Open())
                json = JsonNode.Parse(read)!.AsObject();
            change(json);
            entry.Delete();
            using var write = new StreamWriter(zip.CreateEntry(entryName).Open());
            write.Write(json.ToJsonString());
        }
        stream.Position = 0;
    }

    private sealed class Unsavable : ITransformer
    {
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
        public IDataView Transform(IDataView input) => input;
    }

    public sealed class Scored
    {
        public float Score { get; set; }
    }
}
