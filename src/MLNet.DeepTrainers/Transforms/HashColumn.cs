using System.Reflection;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// One column of a fitted Hash: how its values become keys of 2^<see cref="NumberOfBits"/>, and the
/// values seen behind each key when fitting kept them (ML.NET's maximumNumberOfInverts).
/// </summary>
internal sealed record HashColumn(string Output, string Input, int NumberOfBits, uint Seed, bool Ordered, DataViewSchema.Annotations? KeyValues, bool Combine = false)
{
    public const string Hashable = "text, numbers, Booleans or keys, or vectors of them";

    /// <summary>The most bits a hash whose values are kept may have: 2^30 keys still count as an int.</summary>
    public const int MaximumInvertedBits = 30;

    public static HashColumn Of(HashingEstimator.ColumnOptions options, DataViewSchema schema)
    {
        var column = new HashColumn(options.Name, options.InputColumnName, options.NumberOfBits, options.Seed, options.UseOrderedHashing, null, options.Combine);
        column.Find(schema);
        return column;
    }

    public KeyDataViewType KeyType => new(typeof(uint), 1UL << NumberOfBits);

    /// <summary>The input column in <paramref name="schema"/>; throws when it is missing or cannot be hashed.</summary>
    public DataViewSchema.Column Find(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(Input) ?? throw schema.MissingColumn(Input, $"Hash('{Output}')");
        if (column.Type.ItemType() is not PrimitiveDataViewType item || !ValueHash.CanHash(item))
            throw new ArgumentOutOfRangeException(nameof(schema), $"Hash('{Output}'): column '{Input}' is {column.Type}; it hashes {Hashable}.");
        return column;
    }

    /// <summary>The output column over an input of <paramref name="schema"/>: keys, or a vector of keys for a vector (one key when combined).</summary>
    public OutputColumn OutputOver(DataViewSchema schema)
    {
        var column = Find(schema);
        bool combined = Combine && column.Type is VectorDataViewType;
        var type = column.Type is VectorDataViewType vector && !combined ? new VectorDataViewType(KeyType, [.. vector.Dimensions]) : (DataViewType)KeyType;
        return new OutputColumn(Output, type, cursor => (Delegate)Call(combined ? nameof(CombinedGetter) : nameof(Getter), column, cursor), KeyValues);
    }

    /// <summary>This column with the values behind each key read from <paramref name="data"/>, at most <paramref name="maximum"/> per key (-1: all).</summary>
    public HashColumn WithInverts(IDataView data, int maximum)
    {
        var column = Find(data.Schema);
        using var cursor = data.GetRowCursor([column]);
        var seen = (Dictionary<uint, List<string>>)Call(nameof(Inverts), column, cursor, maximum);
        var keys = seen.Keys.Order().ToArray();
        // As ML.NET: one value as itself, several as {first,second,...} in the order they were met.
        var values = keys.Select(k => seen[k] is [var one] ? one : "{" + string.Join(",", seen[k]) + "}").ToArray();
        return this with { KeyValues = DataViewSchema.Annotations.SparseKeyValues(1 << NumberOfBits, keys.Select(k => (int)k - 1).ToArray(), values) };
    }

    /// <summary>
    /// The keys in ONNX: onnxruntime's MurmurHash3 (com.microsoft; standard ONNX has no hash) of the
    /// value's bytes, as <see cref="ValueHash"/> hashes them, then the low bits plus one, and 0 where the
    /// value is missing. Text is hashed as its UTF-8 bytes without trimming spaces (see the README).
    /// </summary>
    public string ExportOnnx(OnnxGraph graph, DataViewSchema input, string user)
    {
        var column = Find(input);
        if (Combine && column.Type is VectorDataViewType)
            throw new NotSupportedException($"{user}: one hash over a whole vector (combine) has no ONNX form here.");
        var (value, _) = graph.Column(Input, user);
        var item = column.Type.ItemType()!;
        string? missing = item switch
        {
            KeyDataViewType => graph.Node("Equal", [graph.Cast(value, global::Onnx.TensorProto.Types.DataType.Int64), graph.Constant([0L], 1)]),
            TextDataViewType => graph.Cast(graph.MLNode("LabelEncoder", [value], OnnxAttribute.Texts("keys_strings", [""]),
                OnnxAttribute.Ints("values_int64s", [1]), OnnxAttribute.Int("default_int64", 0)), global::Onnx.TensorProto.Types.DataType.Bool),
            _ when item.RawType == typeof(float) || item.RawType == typeof(double) => graph.Node("IsNaN", [value]),
            _ => null,
        };
        // The bytes ValueHash hashes: -0 as 0 (adding 0 makes it so), Booleans as a 32-bit 0 or 1.
        string hashed = item.RawType == typeof(float) ? graph.Node("Add", [value, graph.Constant([0f], 1)])
            : item.RawType == typeof(double) ? graph.Node("Add", [value, graph.Constant([0d], 1)])
            : item.RawType == typeof(bool) ? graph.Cast(value, global::Onnx.TensorProto.Types.DataType.Uint32)
            : value;
        string hash = Ordered ? OrderedHash(graph, hashed, OnnxTypes.Width(column.Type)) : MurmurHash3(graph, hashed, Seed);
        var int64 = global::Onnx.TensorProto.Types.DataType.Int64;
        string low = graph.Node("Mod", [graph.Cast(hash, int64), graph.Constant([1L << NumberOfBits], 1)]);
        string key = graph.Node("Add", [low, graph.Constant([1L], 1)]);
        if (missing is not null)
            key = graph.Node("Where", [missing, graph.Constant([0L], 1), key]);
        return graph.Cast(key, global::Onnx.TensorProto.Types.DataType.Uint32);
    }

    /// <summary>Each slot hashed with its own seed, Round(seed, slot), as <see cref="KeyOf"/> does; the seed is an attribute, so one node per slot.</summary>
    private string OrderedHash(OnnxGraph graph, string value, int width)
    {
        if (width == 1)
            return MurmurHash3(graph, value, MurmurHash.Round(Seed, 0));
        var slots = Enumerable.Range(0, width).Select(slot =>
        {
            string item = graph.Node("Slice", [value, graph.Constant([(long)slot], 1), graph.Constant([slot + 1L], 1), graph.Constant([1L], 1)]);
            return MurmurHash3(graph, item, MurmurHash.Round(Seed, (uint)slot));
        });
        return graph.Node("Concat", [.. slots], OnnxAttribute.Int("axis", 1));
    }

    private static string MurmurHash3(OnnxGraph graph, string value, uint seed) =>
        graph.MicrosoftNode("MurmurHash3", [value], global::Onnx.TensorProto.Types.DataType.Uint32, 2, OnnxAttribute.Int("positive", 1), OnnxAttribute.Int("seed", seed));

    public void Save(StageWriter writer)
    {
        writer.Set("output", Output);
        writer.Set("input", Input);
        writer.Set("numberOfBits", NumberOfBits);
        writer.Set("seed", Seed);
        writer.Set("ordered", Ordered);
        writer.Set("combine", Combine);
        if (KeyValues is { } keys)
        {
            writer.Set("keyValueIndices", keys.KeyValueIndices);
            writer.Set("keyValues", (string[])keys.StoredKeyValues!);
        }
    }

    public static HashColumn Load(StageReader reader)
    {
        int bits = reader.Get<int>("numberOfBits");
        if (bits is < 1 or > 31)
            throw reader.Corrupt($"its numberOfBits {bits} is not from 1 to 31");
        var indices = reader.GetOptional<int[]>("keyValueIndices");
        var values = reader.GetOptional<string[]>("keyValues");
        if ((indices is null) != (values is null) || indices?.Length != values?.Length)
            throw reader.Corrupt("its key value indices and key values do not pair up");
        if (indices is not null && bits > MaximumInvertedBits)
            throw reader.Corrupt($"it keeps key values for {bits} bits, more than {MaximumInvertedBits}");
        if (indices is not null && indices.Where((k, i) => k < (i == 0 ? 0 : indices[i - 1] + 1) || k >= 1 << bits).Any())
            throw reader.Corrupt($"its key value indices are not increasing within 0..{(1 << bits) - 1}");
        var keys = indices is null ? null : DataViewSchema.Annotations.SparseKeyValues(1 << bits, indices, values!);
        bool ordered = reader.Get<bool>("ordered"), combine = reader.GetOptional<bool?>("combine") ?? false;
        if (combine && (ordered || keys is not null))
            throw reader.Corrupt("it combines a vector's items and also orders them or keeps key values");
        return new(reader.Get<string>("output"), reader.Get<string>("input"), bits, reader.Get<uint>("seed"), ordered, keys, combine);
    }

    private object Call(string method, DataViewSchema.Column column, params object[] arguments)
    {
        var item = (PrimitiveDataViewType)column.Type.ItemType()!;
        return typeof(HashColumn).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(item.RawType).Invoke(this, [column, item, .. arguments])!;
    }

    /// <summary>The key of an item at a slot (0 for a scalar); 0 when the item is missing.</summary>
    /// <summary>A hash's key: its low <see cref="NumberOfBits"/> bits plus one; 0 for a missing value.</summary>
    private uint Key(uint? hash) => hash is uint h ? (h & ((1u << NumberOfBits) - 1)) + 1 : 0;

    private Func<T, int, uint> KeyOf<T>(PrimitiveDataViewType item)
    {
        if (!Ordered)
        {
            var hash = ValueHash.Of<T>(item, Seed);
            return (value, _) => Key(hash(value));
        }
        // Ordered, as ML.NET: the slot is hashed into the seed first (slot 0 for a scalar).
        var bySlot = new List<Func<T, uint?>>();
        return (value, slot) =>
        {
            while (bySlot.Count <= slot)
                bySlot.Add(ValueHash.Of<T>(item, MurmurHash.Round(Seed, (uint)bySlot.Count)));
            return Key(bySlot[slot](value));
        };
    }

    private Delegate Getter<T>(DataViewSchema.Column column, PrimitiveDataViewType item, DataViewRowCursor cursor) =>
        ItemGetters.Map(cursor, column, KeyOf<T>(item));

    private Delegate CombinedGetter<T>(DataViewSchema.Column column, PrimitiveDataViewType item, DataViewRowCursor cursor)
    {
        var hash = ValueHash.Combined<T>(item, Seed);
        var read = cursor.GetGetter<T[]>(column);
        T[] values = [];
        return (ValueGetter<uint>)((ref uint key) =>
        {
            read(ref values);
            key = Key(hash(values));
        });
    }

    private Dictionary<uint, List<string>> Inverts<T>(DataViewSchema.Column column, PrimitiveDataViewType item, DataViewRowCursor cursor, int maximum)
    {
        var keyOf = KeyOf<T>(item);
        var items = CursorValues.Items<T>(cursor, column);
        bool withSlot = Ordered && column.Type is VectorDataViewType;
        var seen = new Dictionary<uint, List<string>>();
        var distinct = new HashSet<(uint, string)>();
        while (cursor.MoveNext())
        {
            var values = items();
            for (int slot = 0; slot < values.Length; slot++)
            {
                uint key = keyOf(values[slot], slot);
                if (key == 0)
                    continue;
                var kept = seen.TryGetValue(key, out var list) ? list : seen[key] = [];
                string text = withSlot ? $"{slot}:{ValueText.Of(values[slot])}" : ValueText.Of(values[slot]);
                if ((maximum < 0 || kept.Count < maximum) && distinct.Add((key, text)))
                    kept.Add(text);
            }
        }
        return seen;
    }
}
