using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Models;

/// <summary>
/// A model file's entries, to edit and zip again with valid CRCs: how the tests craft hostile files
/// that get past the zip layer and reach the model reader itself.
/// </summary>
internal sealed class ModelZip
{
    public Dictionary<string, byte[]> Entries { get; } = new(StringComparer.Ordinal);

    public static ModelZip Of(byte[] file)
    {
        var result = new ModelZip();
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            result.Entries[entry.FullName] = copy.ToArray();
        }
        return result;
    }

    public JsonObject Json(string name) => JsonNode.Parse(Entries[name])!.AsObject();

    public ModelZip SetJson(string name, JsonNode json) => SetText(name, json.ToJsonString());

    public ModelZip SetText(string name, string text)
    {
        Entries[name] = Encoding.UTF8.GetBytes(text);
        return this;
    }

    public ModelZip EditJson(string name, Action<JsonObject> edit)
    {
        var json = Json(name);
        edit(json);
        return SetJson(name, json);
    }

    public byte[] ToBytes(CompressionLevel level = CompressionLevel.Fastest)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in Entries)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(bytes);
            }
        }
        return stream.ToArray();
    }

    public static byte[] Save(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    /// <summary>Loads <paramref name="file"/>; the test expects this to fail, and only with <see cref="InvalidDataException"/>.</summary>
    public static InvalidDataException LoadFails(byte[] file) =>
        Assert.Throws<InvalidDataException>(() => new MLContext().Model.Load(new MemoryStream(file), out _));

    /// <summary>A safetensors entry holding <paramref name="tensors"/> in the order given.</summary>
    public static byte[] SafeTensorsOf(params (string Name, long[] Shape, float[] Values)[] tensors)
    {
        var stream = new MemoryStream();
        MLNet.DeepTrainers.Models.SafeTensors.Write(stream, tensors.ToDictionary(t => t.Name, t => new NamedTensor(t.Shape, t.Values)));
        return stream.ToArray();
    }
}
