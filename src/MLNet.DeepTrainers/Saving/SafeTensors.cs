using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.DeepTrainers;

/// <summary>
/// The safetensors layout (an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and byte range, then the raw little-endian data), so PyTorch tooling reads our weights.
/// Only F32 tensors are written or read, except that PyTorch's batch-normalization step counters
/// ("N.num_batches_tracked", an I64 scalar in every BatchNorm state_dict) are accepted and skipped:
/// they only matter to PyTorch's momentum-free running averages, which Keras's layer does not use.
/// </summary>
internal static class SafeTensors
{
    /// <summary>The most bytes a header may have: far more than any network's names and shapes need.</summary>
    private const int MaxHeaderBytes = 16 << 20;

    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/>, replacing it whole, or leaving it as it was if writing fails.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, NamedTensor> tensors)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                Write(stream, tensors);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Reads exactly the tensors <paramref name="expected"/> names, with its shapes, from the file at
    /// <paramref name="path"/>. The file's size is bounded by what those tensors need before anything is read.
    /// </summary>
    public static Dictionary<string, NamedTensor> Read(string path, IReadOnlyDictionary<string, long[]> expected, string user)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"{user}: the weights file '{path}' does not exist.", path);
        // Every expected tensor, plus an 8-byte step counter beside each batch normalization, plus the header.
        long needed = expected.Values.Sum(shape => shape.Aggregate(1L, (a, b) => a * b) * sizeof(float) + sizeof(long));
        long limit = 8 + MaxHeaderBytes + needed;
        if (file.Length > limit || file.Length > Array.MaxLength)
            throw new InvalidDataException($"{user}: the weights file '{path}' has {file.Length} bytes, more than the {limit} the network's {expected.Count} tensors can take: it is not this network's.");
        try
        {
            return Read(File.ReadAllBytes(path), expected, $"{user}: the weights file '{path}'");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(e.Message + " Weights must use the network's PyTorch nn.Sequential names and shapes: " +
                string.Join(", ", expected.Select(t => $"{t.Key} [{string.Join(", ", t.Value)}]")) + ".", e);
        }
    }

    private static void Write(Stream stream, IReadOnlyDictionary<string, NamedTensor> tensors)
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

    /// <summary>
    /// Reads the tensors of <paramref name="bytes"/>, which must be exactly <paramref name="expected"/>:
    /// the same names and shapes, F32, laid end to end over the data without gaps or overlaps. The
    /// header is checked whole before any tensor is copied.
    /// </summary>
    internal static Dictionary<string, NamedTensor> Read(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<string, long[]> expected, string where)
    {
        if (bytes.Length < 8)
            throw Corrupt(where, "it is shorter than its 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)Math.Min(bytes.Length - 8, MaxHeaderBytes))
            throw Corrupt(where, $"its header length {headerLength} runs past the end of the file or over the limit of {MaxHeaderBytes} bytes");
        var data = bytes[(8 + (int)headerLength)..];
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.Slice(8, (int)headerLength), documentOptions: new JsonDocumentOptions { MaxDepth = 8 }) as JsonObject ?? throw Corrupt(where, "its header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Corrupt(where, $"its header is not valid JSON ({e.Message})");
        }
        var ranges = new List<(string Name, long Begin, long End)>();
        var skipped = new List<(string Name, long Begin, long End)>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
                continue;
            if (IsStepCounter(name, node, expected))
            {
                var counter = Numbers((node as JsonObject)?["data_offsets"]);
                if (counter is not [long first, long last] || first < 0 || last > data.Length || last - first != sizeof(long))
                    throw Corrupt(where, $"the tensor '{name}' has data offsets [{Describe((node as JsonObject)?["data_offsets"])}], which do not hold its 8 bytes within the {data.Length} data bytes");
                skipped.Add((name, first, last));
                continue;
            }
            if (!expected.TryGetValue(name, out var shape))
                throw Corrupt(where, $"it holds the tensor '{name}', which the architecture does not have (it has {string.Join(", ", expected.Keys.Select(k => $"'{k}'"))})");
            if (node is not JsonObject entry || entry.Count != 3 || Text(entry["dtype"]) != "F32")
                throw Corrupt(where, $"the tensor '{name}' is not described by exactly a dtype of F32, a shape and data offsets");
            var foundShape = Numbers(entry["shape"]);
            if (foundShape is null || !foundShape.SequenceEqual(shape))
                throw Corrupt(where, $"the tensor '{name}' has shape [{Describe(entry["shape"])}], but the architecture needs [{string.Join(", ", shape)}]");
            var range = Numbers(entry["data_offsets"]);
            long bytesNeeded = shape.Aggregate(1L, (a, b) => a * b) * sizeof(float);
            if (range is not [long begin, long end] || begin < 0 || end > data.Length || end - begin != bytesNeeded)
                throw Corrupt(where, $"the tensor '{name}' has data offsets [{Describe(entry["data_offsets"])}], which do not hold its {bytesNeeded} bytes within the {data.Length} data bytes");
            ranges.Add((name, begin, end));
        }
        var missing = expected.Keys.Except(ranges.Select(r => r.Name)).ToList();
        if (missing.Count > 0)
            throw Corrupt(where, $"it lacks the tensor{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        long covered = 0;
        foreach (var range in ranges.Concat(skipped).OrderBy(r => r.Begin))
        {
            if (range.Begin != covered)
                throw Corrupt(where, $"the tensor '{range.Name}' starts at byte {range.Begin}, but the previous one ends at {covered}: tensors must lie end to end");
            covered = range.End;
        }
        if (covered != data.Length)
            throw Corrupt(where, $"its tensors cover {covered} bytes, but it has {data.Length} data bytes");
        var tensors = new Dictionary<string, NamedTensor>();
        foreach (var (name, begin, end) in ranges)
            tensors[name] = new NamedTensor((long[])expected[name].Clone(), MemoryMarshal.Cast<byte, float>(data[(int)begin..(int)end]).ToArray());
        return tensors;
    }

    /// <summary>A PyTorch batch-normalization counter beside a running mean the architecture expects: an I64 scalar.</summary>
    private static bool IsStepCounter(string name, JsonNode? node, IReadOnlyDictionary<string, long[]> expected)
    {
        const string Suffix = ".num_batches_tracked";
        return name.EndsWith(Suffix, StringComparison.Ordinal)
            && expected.ContainsKey(name[..^Suffix.Length] + ".running_mean")
            && node is JsonObject { Count: 3 } entry && Text(entry["dtype"]) == "I64" && Numbers(entry["shape"]) is [];
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static long[]? Numbers(JsonNode? node)
    {
        if (node is not JsonArray array)
            return null;
        var numbers = new long[array.Count];
        for (int i = 0; i < numbers.Length; i++)
        {
            if (array[i] is not JsonValue value || !value.TryGetValue(out numbers[i]))
                return null;
        }
        return numbers;
    }

    private static string Describe(JsonNode? node) => node is JsonArray array ? string.Join(", ", array.Select(n => n?.ToJsonString())) : node?.ToJsonString() ?? "missing";

    private static InvalidDataException Corrupt(string where, string what) => new($"{where} is not a valid safetensors file: {what}.");
}
