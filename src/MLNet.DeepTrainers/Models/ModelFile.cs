using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Models;

/// <summary>
/// The model file: a zip with manifest.json and one folder per pipeline stage holding its
/// parameters.json and, when it has tensors, weights.safetensors. docs/model-format.md documents it.
/// </summary>
internal static class ModelFile
{
    public const string Format = "MLNet.DeepTrainers model";
    public const int FormatVersion = 1;
    private const string Manifest = "manifest.json";

    public static void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        var stages = Flatten(model).ToList();
        var manifest = new StageWriter();
        manifest.Set("format", Format);
        manifest.Set("formatVersion", FormatVersion);
        manifest.Set("libraryVersion", typeof(ModelFile).Assembly.GetName().Version?.ToString(3));
        manifest.SetColumns("inputSchema", inputSchema);
        var stageList = new JsonArray();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (int i = 0; i < stages.Count; i++)
            {
                var writer = new StageWriter();
                stages[i].Save(writer);
                string folder = $"stages/{i}";
                stageList.Add(new JsonObject { ["kind"] = stages[i].StageKind, ["folder"] = folder });
                WriteEntry(zip, $"{folder}/parameters.json", s => JsonSerializer.Serialize(s, writer.Parameters, Indented));
                if (writer.Tensors.Count > 0)
                    WriteEntry(zip, $"{folder}/weights.safetensors", s => SafeTensors.Write(s, writer.Tensors));
            }
            manifest.Parameters["stages"] = stageList;
            WriteEntry(zip, Manifest, s => JsonSerializer.Serialize(s, manifest.Parameters, Indented));
        }
    }

    /// <summary>Saves to a temporary file beside <paramref name="path"/> and renames it over, so a failure leaves the old file whole.</summary>
    public static void Save(ITransformer model, DataViewSchema inputSchema, string path) => AtomicFile.Write(path, file => Save(model, inputSchema, file));

    public static ITransformer Load(Stream stream, string where, out DataViewSchema inputSchema)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{where} is not a model file: it is not a zip archive ({e.Message}).", e);
        }
        using (zip)
        {
            var manifest = new StageReader($"{where}, {Manifest}", ReadJson(zip, Manifest, where), new Dictionary<string, Trainers.NamedTensor>());
            if (manifest.GetOptional<string>("format") != Format)
                throw manifest.Corrupt($"it is not a {Format} manifest");
            int version = manifest.Get<int>("formatVersion");
            if (version != FormatVersion)
                throw new InvalidDataException($"{where} has model format version {version}, but this library reads version {FormatVersion}. Load it with the library version that wrote it ({manifest.GetOptional<string>("libraryVersion") ?? "unknown"}), or retrain and save it again.");
            inputSchema = new DataViewSchema(manifest.GetColumns("inputSchema"));
            var stages = new List<ITransformer>();
            foreach (var entry in manifest.Get<JsonArray>("stages"))
            {
                string kind = (string?)entry?["kind"] ?? throw manifest.Corrupt("a stage has no kind");
                string folder = (string?)entry!["folder"] ?? throw manifest.Corrupt("a stage has no folder");
                string stageWhere = $"{where}, {folder} ({kind})";
                var parameters = ReadJson(zip, $"{folder}/parameters.json", where);
                var weightsEntry = zip.GetEntry($"{folder}/weights.safetensors");
                Dictionary<string, Trainers.NamedTensor> tensors = [];
                if (weightsEntry is not null)
                {
                    using var weights = Open(weightsEntry, where);
                    tensors = SafeTensors.Read(weights, $"{where}, {weightsEntry.FullName}");
                }
                stages.Add(StageRegistry.Load(kind, new StageReader(stageWhere, parameters, tensors)));
            }
            return new TransformerChain<ITransformer>(stages);
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static IEnumerable<IPersistentTransformer> Flatten(ITransformer model) => model switch
    {
        IEnumerable<ITransformer> chain => chain.SelectMany(Flatten),
        IPersistentTransformer stage => [stage],
        _ => throw new NotSupportedException($"{model.GetType().Name} cannot be saved in a model file: only this library's transformers can."),
    };

    private static void WriteEntry(ZipArchive zip, string name, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        write(stream);
    }

    private static JsonObject ReadJson(ZipArchive zip, string name, string where)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{where} is not a complete model file: it lacks '{name}'.");
        try
        {
            using var stream = Open(entry, where);
            return JsonNode.Parse(stream)?.AsObject() ?? throw new InvalidDataException($"{where}: '{name}' is empty.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{where}: '{name}' is not valid JSON ({e.Message}). The model file is damaged.", e);
        }
    }

    private static Stream Open(ZipArchiveEntry entry, string where)
    {
        try
        {
            // Read the whole entry now so a damaged (truncated) archive fails here with a clear message.
            var copy = new MemoryStream();
            using (var stream = entry.Open())
                stream.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{where}: the entry '{entry.FullName}' is damaged ({e.Message}).", e);
        }
    }
}
