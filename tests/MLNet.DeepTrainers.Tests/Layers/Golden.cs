using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>One tensor of a golden fixture as the file has it: dtype, shape, byte range within the data and raw bytes.</summary>
internal sealed record GoldenTensor(string DType, long[] Shape, long Begin, long End, byte[] Bytes)
{
    public float[] Floats => DType == "F32" ? MemoryMarshal.Cast<byte, float>(Bytes).ToArray() : throw new InvalidDataException($"a {DType} tensor is not F32");

    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    public NamedTensor ToNamed() => new((long[])Shape.Clone(), Floats);
}

/// <summary>
/// The golden-value fixtures of eng/golden/*.py (Fixtures/*.safetensors), read here independently of
/// the library's reader: the safetensors layout as its specification gives it (an 8-byte little-endian
/// header length, a JSON object of dtype, shape and data offsets per tensor, the data). Every tensor is
/// returned, so one file can hold many cases ("case/name").
/// </summary>
internal static class Golden
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, GoldenTensor>> Files = new();

    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", file);

    /// <summary>The fixture <paramref name="file"/> under Fixtures/, read once.</summary>
    public static IReadOnlyDictionary<string, GoldenTensor> Fixture(string file) => Files.GetOrAdd(file, f => Read(File.ReadAllBytes(Path(f))));

    /// <summary>
    /// Every tensor of a safetensors file, checked against the format's rules: the header length within
    /// the file, F32 or I64 tensors whose offsets lie end to end from 0 over exactly the data, sizes that
    /// match the shapes.
    /// </summary>
    public static Dictionary<string, GoldenTensor> Read(byte[] bytes)
    {
        Assert.True(bytes.Length >= 8, "a safetensors file starts with an 8-byte header length");
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.True(length <= (ulong)(bytes.Length - 8), $"the header length {length} runs past the file's {bytes.Length} bytes");
        int dataStart = 8 + (int)length;
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)length));
        var tensors = new Dictionary<string, GoldenTensor>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
                continue;
            string dtype = entry.Value.GetProperty("dtype").GetString()!;
            long[] shape = [.. entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())];
            long[] offsets = [.. entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64())];
            Assert.Equal(2, offsets.Length);
            int size = dtype switch { "F32" => 4, "I64" => 8, _ => throw new InvalidDataException($"{entry.Name}: dtype {dtype}") };
            Assert.Equal(shape.Aggregate(1L, (a, b) => a * b) * size, offsets[1] - offsets[0]);
            tensors.Add(entry.Name, new GoldenTensor(dtype, shape, offsets[0], offsets[1], bytes[(dataStart + (int)offsets[0])..(dataStart + (int)offsets[1])]));
        }
        long covered = 0;
        foreach (var tensor in tensors.Values.OrderBy(t => t.Begin))
        {
            Assert.Equal(covered, tensor.Begin);
            covered = tensor.End;
        }
        Assert.Equal(bytes.Length - dataStart, covered);
        return tensors;
    }

    /// <summary>The tensors of <paramref name="fixture"/> under "<paramref name="prefix"/>/" that hold weights (not inputs, outputs or "after/" values), by their names within the prefix.</summary>
    public static Dictionary<string, NamedTensor> Weights(IReadOnlyDictionary<string, GoldenTensor> fixture, string prefix) =>
        fixture.Where(t => t.Key.StartsWith(prefix + "/", StringComparison.Ordinal))
            .Select(t => (Name: t.Key[(prefix.Length + 1)..], t.Value))
            .Where(t => !t.Name.Contains('/', StringComparison.Ordinal) && t.Name is not ("input" or "expected" or "x" or "y" or "losses"))
            .ToDictionary(t => t.Name, t => t.Value.ToNamed());

    /// <summary>Asserts <paramref name="actual"/> is <paramref name="expected"/> within <paramref name="tolerance"/> everywhere, naming the first value that is not.</summary>
    public static void Near(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, PyTorch has {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
                Assert.Fail($"{what}[{i}] is {actual[i]:R}; PyTorch gives {expected[i]:R} (tolerance {tolerance})");
        }
    }
}
