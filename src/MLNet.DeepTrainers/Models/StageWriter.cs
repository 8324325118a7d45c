using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.DeepTrainers.Models;

/// <summary>What one pipeline stage saves: parameters as JSON, tensors for the safetensors file.</summary>
internal sealed class StageWriter
{
    public JsonObject Parameters { get; } = [];

    public Dictionary<string, NamedTensor> Tensors { get; } = [];

    public void Set<T>(string name, T value) => Parameters[name] = JsonSerializer.SerializeToNode(value);

    public void SetTensor(string name, float[] values, params long[] shape) => Tensors[name] = new NamedTensor(shape, values);

    /// <summary>Stores key values (string[], float[], ...) with their element type so they load back as the same type.</summary>
    public void SetKeyValues(string name, Array? values)
    {
        if (values is null)
            return;
        var type = PrimitiveTypes.Of(values.GetType().GetElementType()!)
            ?? throw new InvalidOperationException($"Key values of type {values.GetType().Name} cannot be saved.");
        Parameters[name] = new JsonObject { ["type"] = type.ToString(), ["values"] = JsonSerializer.SerializeToNode(values) };
    }

    public void SetColumns(string name, IEnumerable<DataViewSchema.Column> columns)
    {
        var list = new JsonArray();
        foreach (var column in columns)
        {
            var entry = new JsonObject { ["name"] = column.Name, ["type"] = DataViewTypeCodec.Encode(column.Type) };
            if (column.Annotations.KeyValues is Array keys)
            {
                var keyWriter = new StageWriter();
                keyWriter.SetKeyValues("keyValues", keys);
                entry["keyValues"] = keyWriter.Parameters["keyValues"]!.DeepClone();
            }
            list.Add(entry);
        }
        Parameters[name] = list;
    }

    /// <summary>Stores a list of entries, each item written by <paramref name="write"/> to its own writer (parameters only: a stage's tensors go to the stage's writer).</summary>
    public void SetList<T>(string name, IEnumerable<T> items, Action<StageWriter, T> write)
    {
        var list = new JsonArray();
        foreach (var item in items)
        {
            var entry = new StageWriter();
            write(entry, item);
            if (entry.Tensors.Count != 0)
                throw new InvalidOperationException("An entry of a list cannot hold tensors; write them to the stage.");
            list.Add(entry.Parameters);
        }
        Parameters[name] = list;
    }

    /// <summary>Stores the (output, input) pairs of a multi-column transform.</summary>
    public void SetColumnPairs(string name, IEnumerable<(string Output, string Input)> pairs) =>
        SetList(name, pairs, (entry, pair) =>
        {
            entry.Set("output", pair.Output);
            entry.Set("input", pair.Input);
        });
}
