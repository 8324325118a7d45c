using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.DeepTrainers.Models;

/// <summary>
/// Reads back what a <see cref="StageWriter"/> saved; every missing or malformed entry is a clear error.
/// Tensors are read only against the names and shapes the stage's loader says it needs, so a file
/// cannot make the reader allocate more than the architecture does.
/// </summary>
/// <param name="where">The file and stage, for messages.</param>
/// <param name="parameters">The stage's parameters.json.</param>
/// <param name="readTensors">Reads the stage's weights entry against the expected tensors; null when the stage has none.</param>
/// <param name="components">The registered assemblies a custom mapping's factory may come from; null for the manifest.</param>
internal sealed class StageReader(string where, JsonObject parameters, Func<IReadOnlyDictionary<string, long[]>, Dictionary<string, NamedTensor>>? readTensors, ComponentCatalog? components = null)
{
    public string Where => where;

    /// <summary>Where user code named by the file (a custom mapping's contract) may come from.</summary>
    public ComponentCatalog? Components => components;

    /// <summary>Whether the stage's tensors were asked for; a weights entry nobody asked for is an error.</summary>
    public bool TensorsRead { get; private set; }

    public T Get<T>(string name)
    {
        var node = parameters[name] ?? throw Corrupt($"it lacks the parameter '{name}'");
        try
        {
            return node.Deserialize<T>() ?? throw Corrupt($"the parameter '{name}' is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Corrupt($"the parameter '{name}' is not a valid {typeof(T).Name} ({e.Message})");
        }
    }

    public T? GetOptional<T>(string name) => parameters[name] is null ? default : Get<T>(name);

    /// <summary>Reads exactly the tensors of <paramref name="expected"/> (names and shapes) from the stage's weights entry.</summary>
    public Dictionary<string, NamedTensor> ReadTensors(IReadOnlyDictionary<string, long[]> expected)
    {
        if (TensorsRead)
            throw new InvalidOperationException("A stage's tensors are read once.");
        TensorsRead = true;
        if (readTensors is null)
            return expected.Count == 0 ? [] : throw Corrupt($"it lacks its weights entry (it needs the tensors {string.Join(", ", expected.Keys.Select(k => $"'{k}'"))})");
        return readTensors(expected);
    }

    public Array? GetKeyValues(string name) => parameters[name] is JsonObject node ? DecodeKeyValues(node, name) : null;

    public IReadOnlyList<(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations)> GetColumns(string name)
    {
        var list = parameters[name] as JsonArray ?? throw Corrupt($"it lacks the column list '{name}'");
        return list.Select(entry =>
        {
            var column = entry as JsonObject ?? throw Corrupt($"an entry of '{name}' is not an object");
            var columnName = column["name"] is JsonValue n && n.TryGetValue(out string? text) ? text : throw Corrupt($"an entry of '{name}' has no name");
            var typeName = column["type"] is JsonValue t && t.TryGetValue(out string? typeText) ? typeText : throw Corrupt($"column '{columnName}' has no type");
            var type = DataViewTypeCodec.Decode(typeName, this);
            var keys = column["keyValues"] is JsonObject k ? DecodeKeyValues(k, columnName) : null;
            return (columnName, type, keys is null ? null : new DataViewSchema.Annotations(keys, null));
        }).ToList();
    }

    /// <summary>The entries of a list written by <see cref="StageWriter.SetList"/>, each read by its own reader; at least one (a stage's list names its columns).</summary>
    public IReadOnlyList<StageReader> GetList(string name)
    {
        var list = parameters[name] as JsonArray ?? throw Corrupt($"it lacks the list '{name}'");
        if (list.Count == 0)
            throw Corrupt($"its list '{name}' is empty");
        return list.Select((entry, i) => new StageReader($"{where}, {name}[{i}]", entry as JsonObject ?? throw Corrupt($"entry {i} of '{name}' is not an object"), null, components)).ToList();
    }

    /// <summary>The (output, input) pairs written by <see cref="StageWriter.SetColumnPairs"/>.</summary>
    public IReadOnlyList<(string Output, string Input)> GetColumnPairs(string name) =>
        GetList(name).Select(entry => (entry.Get<string>("output"), entry.Get<string>("input"))).ToList();

    public InvalidDataException Corrupt(string what) => new($"{where}: {what}. The model file is damaged or was written by an incompatible version.");

    private Array DecodeKeyValues(JsonObject node, string name)
    {
        var values = node["values"] as JsonArray ?? throw Corrupt($"the key values of '{name}' are missing");
        try
        {
            return (node["type"] is JsonValue t && t.TryGetValue(out string? type) ? type : null) switch
            {
                "String" => values.Deserialize<string[]>()!,
                "Single" => values.Deserialize<float[]>()!,
                "Double" => values.Deserialize<double[]>()!,
                "Int32" => values.Deserialize<int[]>()!,
                "Int64" => values.Deserialize<long[]>()!,
                "UInt32" => values.Deserialize<uint[]>()!,
                "Boolean" => values.Deserialize<bool[]>()!,
                "DateTime" => values.Deserialize<DateTime[]>()!,
                "DateTimeOffset" => values.Deserialize<DateTimeOffset[]>()!,
                "TimeSpan" => values.Deserialize<TimeSpan[]>()!,
                var other => throw Corrupt($"the key values of '{name}' have the unknown type '{other}'"),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw Corrupt($"the key values of '{name}' do not match their type ({e.Message})");
        }
    }
}
