using System.Numerics;
using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// ML.NET's KeyToVector and KeyToBinaryVector, the second half of one-hot encoding: a key column (a
/// scalar or a vector of keys) as an indicator vector (one block of key-count slots per item), a bag
/// (counts per key over the items), or binary digits (per item, key - 1 in log2(count) + 2 bits, most
/// significant first, so the missing key 0 is all ones and differs from every key).
/// </summary>
internal static class KeyVectors
{

    public static int BitsPerKey(ulong keyCount) => BitOperations.Log2(keyCount) + 2;

    /// <summary>A saved output kind, refused when it is not one of the four.</summary>
    public static OutputKind ReadKind(StageReader reader)
    {
        var kind = reader.Get<OutputKind>("outputKind");
        return Enum.IsDefined(kind) ? kind : throw reader.Corrupt($"its output kind {(int)kind} is not one of Bag, Indicator, Key, Binary");
    }

    /// <summary>The vector column that encodes the keys of <paramref name="keys"/> as <paramref name="kind"/> (Bag, Indicator or Binary).</summary>
    public static OutputColumn Of(OutputColumn keys, OutputKind kind, IReadOnlyList<string>? inputSlotNames, string user)
    {
        var keyType = (KeyDataViewType)keys.Type.ItemType()!;
        int slots = keys.Type is VectorDataViewType vector ? vector.Size : 1;
        if (keys.Type is VectorDataViewType { IsKnownSize: false } && kind != OutputKind.Bag)
            throw new ArgumentOutOfRangeException(nameof(keys), $"{user}: its input is a vector whose size varies; {kind} encoding needs a known size (use OutputKind.Bag or Key, or give the vector a size).");
        long perItem = kind == OutputKind.Binary ? BitsPerKey(keyType.Count) : (long)keyType.Count;
        long width = kind == OutputKind.Bag ? perItem : slots * perItem;
        if (width > VectorDataViewType.MaximumTransformSize)
            throw new ArgumentOutOfRangeException(nameof(kind), $"{user}: {kind} encoding of {keyType.Count} keys over {slots} item(s) makes {width} slots per row, more than {VectorDataViewType.MaximumTransformSize}; use fewer bits or keys, or OutputKind.Key.");
        var names = SlotNames(kind, keys.Annotations, (int)perItem, keys.Type is VectorDataViewType ? slots : 0, inputSlotNames);
        var type = new VectorDataViewType(NumberDataViewType.Single, (int)width);
        var annotations = new DataViewSchema.Annotations(null, names);
        return kind == OutputKind.Binary
            ? new OutputColumn(keys.Name, type, cursor => BinaryGetter(Read(keys.MakeGetter(cursor)), (int)perItem, (int)width), annotations)
            : OutputColumn.Sparse(keys.Name, type, cursor => OneHotGetter(kind, Read(keys.MakeGetter(cursor)), (int)perItem, (int)width), annotations);
    }

    private static string[]? SlotNames(OutputKind kind, DataViewSchema.Annotations? keyAnnotations, int perItem, int vectorSlots, IReadOnlyList<string>? inputSlotNames)
    {
        string[]? itemNames = kind == OutputKind.Binary
            ? Enumerable.Range(0, perItem).Select(b => $"Bit{perItem - 1 - b}").ToArray()
            : keyAnnotations?.KeyValues is Array values ? ValueText.Of(values) : null;
        if (itemNames is null || vectorSlots == 0 || kind == OutputKind.Bag)
            return itemNames;
        // Per item of a vector: the item's slot name (or [i]) and the key's name.
        return Enumerable.Range(0, vectorSlots)
            .SelectMany(i => itemNames.Select(n => $"{(inputSlotNames is { } s && s.Count == vectorSlots && s[i] != "" ? s[i] : $"[{i}]")}.{n}"))
            .ToArray();
    }

    /// <summary>The keys of a scalar (one) or vector key getter.</summary>
    private static Func<uint[]> Read(Delegate getter)
    {
        if (getter is ValueGetter<uint[]> vector)
        {
            uint[] keys = [];
            return () =>
            {
                vector(ref keys);
                return keys;
            };
        }
        var scalar = (ValueGetter<uint>)getter;
        var one = new uint[1];
        return () =>
        {
            scalar(ref one[0]);
            return one;
        };
    }

    private static ValueGetter<float[]> BinaryGetter(Func<uint[]> readKeys, int perItem, int width) => (ref float[] value) =>
    {
        if (value is null || value.Length != width)
            value = new float[width];
        var keys = readKeys();
        for (int item = 0; item < keys.Length; item++)
        {
            ulong code = keys[item] - 1; // key 0 wraps to 32 ones, as in ML.NET
            for (int b = 0; b < perItem; b++)
                value[item * perItem + b] = (code >> (perItem - 1 - b)) & 1;
        }
    };

    // Indicator: a 1 per item in its block (blocks in item order, so the slots come sorted and distinct);
    // Bag: a count per key. Key 0 and keys beyond the count are in no slot.
    private static ValueGetter<VBuffer<float>> OneHotGetter(OutputKind kind, Func<uint[]> readKeys, int perItem, int width) => (ref VBuffer<float> value) =>
    {
        var keys = readKeys();
        if (kind == OutputKind.Bag)
        {
            var counts = new Dictionary<int, float>();
            foreach (uint key in keys)
            {
                if (key != 0 && key <= perItem)
                    counts[(int)key - 1] = counts.GetValueOrDefault((int)key - 1) + 1;
            }
            value = SparseVectors.FromCounts(width, counts);
            return;
        }
        var slots = new List<int>(keys.Length);
        for (int item = 0; item < keys.Length; item++)
        {
            if (keys[item] != 0 && keys[item] <= perItem)
                slots.Add(item * perItem + (int)keys[item] - 1);
        }
        var ones = new float[slots.Count];
        Array.Fill(ones, 1f);
        value = new VBuffer<float>(width, ones.Length, ones, [.. slots]);
    };

    /// <summary>
    /// The ONNX form of <see cref="Of"/>: <paramref name="keys"/> (a [rows, items] uint32 value) as
    /// <paramref name="kind"/>, computed as the getter above does: an indicator compares each item with
    /// 1..count, a bag sums those over the items, binary digits divide (key - 1) mod 2^32 by powers of two.
    /// </summary>
    public static string ExportOnnx(OnnxGraph graph, string keys, int items, ulong keyCount, OutputKind kind)
    {
        if (kind == OutputKind.Key)
            return keys;
        var int64 = global::Onnx.TensorProto.Types.DataType.Int64;
        long perItem = kind == OutputKind.Binary ? BitsPerKey(keyCount) : (long)keyCount;
        // [rows, items, 1], so each item meets every slot of its block.
        string key = graph.Unsqueeze(graph.Cast(keys, int64), 2);
        string digits;
        if (kind == OutputKind.Binary)
        {
            string code = graph.Node("Mod", [graph.Node("Sub", [key, graph.Constant([1L], 1)]), graph.Constant([1L << 32], 1)]);
            long[] powers = [.. Enumerable.Range(0, (int)perItem).Select(b => 1L << (int)(perItem - 1 - b))];
            digits = graph.Node("Mod", [graph.Node("Div", [code, graph.Constant(powers, perItem)]), graph.Constant([2L], 1)]);
        }
        else
        {
            long[] slots = [.. Enumerable.Range(1, (int)perItem).Select(k => (long)k)];
            digits = graph.Node("Equal", [key, graph.Constant(slots, perItem)]);
        }
        string values = graph.Cast(digits, global::Onnx.TensorProto.Types.DataType.Float);
        return kind == OutputKind.Bag
            ? graph.Node("ReduceSum", [values, graph.Constant([1L], 1)], OnnxAttribute.Int("keepdims", 0))
            : graph.Node("Reshape", [values, graph.Constant([0L, items * perItem], 2)]);
    }
}
