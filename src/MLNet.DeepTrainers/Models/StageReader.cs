using MLNet.DeepTrainers.Trainers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Models;

/// <summary>Reads back what a <see cref="StageWriter"/> saved; every missing or malformed entry is a clear error.</summary>
internal sealed class StageReader(string where, JsonObject parameters, IReadOnlyDictionary<string, NamedTensor> tensors)
{
    public string Where => where;

    public IReadOnlyDictionary<string, NamedTensor> Tensors => tensors;

    public T Get<T>(string name)
    {
        var node = parameters[name] ?? throw Corrupt($"it lacks the parameter '{name}'");
        try
        {
            return node.Deserialize<T>() ?? throw Corrupt($"the parameter '{name}' is null");
        }
        catch (JsonException e)
        {
            throw Corrupt($"the parameter '{name}' is not a {typeof(T).Name} ({e.Message})");
        }
    }

    public T? GetOptional<T>(string name) => parameters[name] is null ? default : Get<T>(name);

    public float[] GetTensor(string name, params long[] shape)
    {
        if (!tensors.TryGetValue(name, out var tensor))
            throw Corrupt($"it lacks the tensor '{name}'");
        if (!tensor.Shape.SequenceEqual(shape))
            throw Corrupt($"the tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", shape)}]");
        return tensor.Values;
    }

    public Array? GetKeyValues(string name) => parameters[name] is JsonObject node ? DecodeKeyValues(node, name) : null;

    public IReadOnlyList<(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations)> GetColumns(string name)
    {
        var list = parameters[name] as JsonArray ?? throw Corrupt($"it lacks the column list '{name}'");
        return list.Select(entry =>
        {
            var column = entry as JsonObject ?? throw Corrupt($"an entry of '{name}' is not an object");
            var columnName = (string?)column["name"] ?? throw Corrupt($"an entry of '{name}' has no name");
            DataViewType type;
            try
            {
                type = DataViewTypeCodec.Decode((string?)column["type"] ?? "");
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
            {
                throw Corrupt($"column '{columnName}' has the unknown type '{column["type"]}'");
            }
            var keys = column["keyValues"] is JsonObject k ? DecodeKeyValues(k, columnName) : null;
            return (columnName, type, keys is null ? null : new DataViewSchema.Annotations(keys, null));
        }).ToList();
    }

    public InvalidDataException Corrupt(string what) => new($"{where}: {what}. The model file is damaged or was written by an incompatible version.");

    private Array DecodeKeyValues(JsonObject node, string name)
    {
        var values = node["values"] ?? throw Corrupt($"the key values of '{name}' are missing");
        return (string?)node["type"] switch
        {
            "String" => values.Deserialize<string[]>()!,
            "Single" => values.Deserialize<float[]>()!,
            "Double" => values.Deserialize<double[]>()!,
            "Int32" => values.Deserialize<int[]>()!,
            "Int64" => values.Deserialize<long[]>()!,
            "UInt32" => values.Deserialize<uint[]>()!,
            "Boolean" => values.Deserialize<bool[]>()!,
            var t => throw Corrupt($"the key values of '{name}' have the unknown type '{t}'"),
        };
    }
}
