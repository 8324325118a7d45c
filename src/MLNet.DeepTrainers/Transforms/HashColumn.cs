using System.Reflection;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// One column of a fitted Hash: how its values become keys of 2^<see cref="NumberOfBits"/>, and the
/// values seen behind each key when fitting kept them (ML.NET's maximumNumberOfInverts).
/// </summary>
internal sealed record HashColumn(string Output, string Input, int NumberOfBits, uint Seed, bool Ordered, DataViewSchema.Annotations? KeyValues)
{
    public const string Hashable = "text, numbers, Booleans or keys, or vectors of them";

    /// <summary>The most bits a hash whose values are kept may have: 2^30 keys still count as an int.</summary>
    public const int MaximumInvertedBits = 30;

    public static HashColumn Of(HashingEstimator.ColumnOptions options, DataViewSchema schema)
    {
        var column = new HashColumn(options.Name, options.InputColumnName, options.NumberOfBits, options.Seed, options.UseOrderedHashing, null);
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

    /// <summary>The output column over an input of <paramref name="schema"/>: keys, or a vector of keys for a vector.</summary>
    public OutputColumn OutputOver(DataViewSchema schema)
    {
        var column = Find(schema);
        var type = column.Type is VectorDataViewType vector ? new VectorDataViewType(KeyType, [.. vector.Dimensions]) : (DataViewType)KeyType;
        return new OutputColumn(Output, type, cursor => (Delegate)Call(nameof(Getter), column, cursor), KeyValues);
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

    public void Save(StageWriter writer)
    {
        writer.Set("output", Output);
        writer.Set("input", Input);
        writer.Set("numberOfBits", NumberOfBits);
        writer.Set("seed", Seed);
        writer.Set("ordered", Ordered);
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
        return new(reader.Get<string>("output"), reader.Get<string>("input"), bits, reader.Get<uint>("seed"), reader.Get<bool>("ordered"), keys);
    }

    private object Call(string method, DataViewSchema.Column column, params object[] arguments)
    {
        var item = (PrimitiveDataViewType)column.Type.ItemType()!;
        return typeof(HashColumn).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(item.RawType).Invoke(this, [column, item, .. arguments])!;
    }

    /// <summary>The key of an item at a slot (0 for a scalar); 0 when the item is missing.</summary>
    private Func<T, int, uint> KeyOf<T>(PrimitiveDataViewType item)
    {
        uint mask = (1u << NumberOfBits) - 1;
        uint Key(uint? hash) => hash is uint h ? (h & mask) + 1 : 0;
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
