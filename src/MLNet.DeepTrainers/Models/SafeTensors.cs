using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Models;

/// <summary>
/// The safetensors layout (an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and byte range, then the raw little-endian data), so PyTorch tooling reads our weights.
/// Only F32 tensors are written or read.
/// </summary>
internal static class SafeTensors
{
    public static void Write(Stream stream, IReadOnlyDictionary<string, NamedTensor> tensors)
    {
        var header = new JsonObject();
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            long bytes = tensor.Values.LongLength * sizeof(float);
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(tensor.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++)
            stream.WriteByte((byte)' ');
        foreach (var tensor in tensors.Values)
            stream.Write(MemoryMarshal.AsBytes(tensor.Values.AsSpan()));
    }

    public static Dictionary<string, NamedTensor> Read(Stream stream, string where)
    {
        // Model files hand over entries already read into memory; anything else is read in here.
        var buffer = stream as MemoryStream ?? new MemoryStream();
        if (!ReferenceEquals(buffer, stream))
            stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.Length < 8)
            throw Corrupt(where, "it is shorter than its 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
            throw Corrupt(where, "its header runs past the end of the file");
        var data = bytes[(8 + (int)headerLength)..];
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.Slice(8, (int)headerLength))?.AsObject() ?? throw Corrupt(where, "its header is empty");
        }
        catch (JsonException e)
        {
            throw Corrupt(where, $"its header is not JSON ({e.Message})");
        }
        var tensors = new Dictionary<string, NamedTensor>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
                continue;
            try
            {
                if ((string?)node!["dtype"] != "F32")
                    throw Corrupt(where, $"tensor '{name}' has dtype {node["dtype"]}; only F32 is supported");
                var shape = node["shape"]!.AsArray().Select(d => (long)d!).ToArray();
                var range = node["data_offsets"]!.AsArray().Select(d => (long)d!).ToArray();
                long count = shape.Aggregate(1L, (a, b) => a * b);
                if (range.Length != 2 || range[0] < 0 || range[1] > data.Length || range[1] - range[0] != count * sizeof(float))
                    throw Corrupt(where, $"tensor '{name}' has byte range [{string.Join(", ", range)}], which does not fit its shape [{string.Join(", ", shape)}] or the file's {data.Length} data bytes");
                var values = MemoryMarshal.Cast<byte, float>(data[(int)range[0]..(int)range[1]]).ToArray();
                tensors[name] = new NamedTensor(shape, values);
            }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
            {
                throw Corrupt(where, $"tensor '{name}' has a malformed header entry");
            }
        }
        return tensors;
    }

    private static InvalidDataException Corrupt(string where, string what) => new($"{where} is not a valid safetensors file: {what}.");
}
