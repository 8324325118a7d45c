using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers.Models;

/// <summary>
/// The model file: a zip with manifest.json and one folder per pipeline stage holding its
/// parameters.json and, when it has tensors, weights.safetensors. docs/model-format.md documents it.
/// </summary>
internal static class ModelFile
{
    public const string Format = "MLNet.DeepTrainers model";
    public const int FormatVersion = 4;
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

    /// <summary>
    /// Loads a model file, treating it as hostile: every size is bounded before it is allocated (see
    /// <see cref="ModelFileLimits"/>), every entry's CRC-32 is checked, the entries must be exactly the
    /// ones the manifest implies, each stage's tensors must be exactly those its architecture needs,
    /// and the pipeline must accept the input schema it was saved with. Any failure is an
    /// <see cref="InvalidDataException"/> naming the file, the entry and what is wrong.
    /// </summary>
    public static ITransformer Load(Stream stream, string where, ComponentCatalog components, out DataViewSchema inputSchema)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"{where} is not a model file: it is not a readable zip archive ({e.Message}).", e);
        }
        using (zip)
        {
            var entries = Index(zip, where);
            var manifest = new StageReader($"{where}, {Manifest}", ReadJson(entries, Manifest, where), null);
            var (schema, stageKinds) = Guard(manifest.Where, () =>
            {
                if (manifest.GetOptional<string>("format") != Format)
                    throw manifest.Corrupt($"it is not a {Format} manifest");
                int version = manifest.Get<int>("formatVersion");
                if (version != FormatVersion)
                    throw new InvalidDataException($"{where} has model format version {version}, but this library reads version {FormatVersion}. Load it with the library version that wrote it ({manifest.GetOptional<string>("libraryVersion") ?? "unknown"}), or retrain and save it again.");
                var kinds = manifest.Get<StageEntry?[]>("stages");
                if (kinds.Any(k => k?.Kind is null || k.Folder is null))
                    throw manifest.Corrupt("a stage lacks its kind or folder");
                if (kinds.Length > ModelFileLimits.MaxStages)
                    throw manifest.Corrupt($"it lists {kinds.Length} stages, more than the limit of {ModelFileLimits.MaxStages}");
                return (new DataViewSchema(manifest.GetColumns("inputSchema")), kinds.Select(k => k!).ToArray());
            });
            var stages = new List<ITransformer>();
            for (int i = 0; i < stageKinds.Length; i++)
            {
                var (kind, folder) = (stageKinds[i].Kind, stageKinds[i].Folder);
                string stageWhere = $"{where}, {folder} ({kind})";
                if (folder != $"stages/{i}")
                    throw new InvalidDataException($"{stageWhere}: stage {i} must be in the folder 'stages/{i}'. The model file is damaged.");
                var parameters = ReadJson(entries, $"{folder}/parameters.json", where);
                entries.TryGetValue($"{folder}/weights.safetensors", out var weightsEntry);
                Func<IReadOnlyDictionary<string, long[]>, Dictionary<string, NamedTensor>>? readTensors = weightsEntry is null ? null : expected =>
                {
                    long needed = expected.Values.Sum(shape => shape.Aggregate(1L, (a, b) => checked(a * b))) * sizeof(float);
                    long limit = Math.Min(8L + ModelFileLimits.MaxTensorHeaderBytes + needed, ModelFileLimits.MaxTensorEntryBytes);
                    return SafeTensors.Read(ReadEntry(weightsEntry, limit, where), expected, $"{where}, {weightsEntry.FullName}");
                };
                var reader = new StageReader(stageWhere, parameters, readTensors, components);
                var stage = Guard(stageWhere, () => StageRegistry.Load(kind, reader));
                if (weightsEntry is not null && !reader.TensorsRead)
                    throw new InvalidDataException($"{stageWhere}: the entry '{weightsEntry.FullName}' holds tensors, but a {kind} stage has none. The model file is damaged.");
                entries.Remove($"{folder}/parameters.json");
                entries.Remove($"{folder}/weights.safetensors");
                stages.Add(stage);
            }
            entries.Remove(Manifest);
            if (entries.Count > 0)
                throw new InvalidDataException($"{where} holds entries no stage uses ({string.Join(", ", entries.Keys.Take(5).Select(e => $"'{e}'"))}). The model file is damaged or was not written by this library.");
            var model = new TransformerChain<ITransformer>(stages);
            Guard($"{where} (its pipeline against its saved input schema)", () => model.GetOutputSchema(schema));
            inputSchema = schema;
            return model;
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

    private sealed record StageEntry([property: JsonPropertyName("kind")] string Kind, [property: JsonPropertyName("folder")] string Folder);

    /// <summary>
    /// Runs part of a load; an exception other than <see cref="InvalidDataException"/> (a constructor's
    /// argument check, libtorch refusing a network) means the file describes something invalid, so it
    /// becomes one, naming <paramref name="where"/>.
    /// </summary>
    private static T Guard<T>(string where, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"{where}: {e.Message} The model file is damaged or was written by an incompatible version.", e);
        }
    }

    /// <summary>The archive's entries by name, after checking their number and that no name repeats.</summary>
    private static Dictionary<string, ZipArchiveEntry> Index(ZipArchive zip, string where)
    {
        IReadOnlyCollection<ZipArchiveEntry> all;
        try
        {
            all = zip.Entries;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"{where} is not a model file: its zip directory is damaged ({e.Message}).", e);
        }
        if (all.Count > ModelFileLimits.MaxEntries)
            throw new InvalidDataException($"{where} has {all.Count} entries, more than the limit of {ModelFileLimits.MaxEntries}.");
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in all)
        {
            if (!entries.TryAdd(entry.FullName, entry))
                throw new InvalidDataException($"{where} holds the entry '{entry.FullName}' twice. The model file is damaged.");
        }
        return entries;
    }

    private static JsonObject ReadJson(Dictionary<string, ZipArchiveEntry> entries, string name, string where)
    {
        var entry = entries.GetValueOrDefault(name) ?? throw new InvalidDataException($"{where} is not a complete model file: it lacks '{name}'.");
        var bytes = ReadEntry(entry, ModelFileLimits.MaxJsonBytes, where);
        try
        {
            return ModelFileLimits.ParseJson(bytes) as JsonObject ?? throw new InvalidDataException($"{where}: '{name}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: '{name}' is not valid JSON ({e.Message}). The model file is damaged.", e);
        }
    }

    /// <summary>
    /// The inflated bytes of <paramref name="entry"/>: its declared size must be at most
    /// <paramref name="limit"/>, it must inflate to exactly that size (reading stops one byte past it,
    /// so a bomb costs no more than the limit), and its CRC-32 must match.
    /// </summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, long limit, string where)
    {
        string what = $"{where}: the entry '{entry.FullName}'";
        if (entry.Length < 0 || entry.Length > limit)
            throw new InvalidDataException($"{what} declares {entry.Length} bytes, more than the {limit} it may hold.");
        var bytes = new byte[entry.Length];
        bool longer;
        try
        {
            using var stream = entry.Open();
            stream.ReadExactly(bytes);
            longer = stream.ReadByte() >= 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"{what} is damaged or truncated ({e.Message}).", e);
        }
        if (longer)
            throw new InvalidDataException($"{what} inflates to more than the {entry.Length} bytes it declares. The model file is damaged.");
        if (Crc32.Of(bytes) != entry.Crc32)
            throw new InvalidDataException($"{what} fails its CRC-32 check: its bytes changed after it was written. The model file is damaged.");
        return bytes;
    }
}
