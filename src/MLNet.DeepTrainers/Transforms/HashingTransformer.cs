namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Hashes each value (each item of a vector) to a key of 2^numberOfBits, as ML.NET's Hash: the key is
/// the low bits of the value's MurmurHash3 plus 1, and a missing value (NaN, empty text, key 0) is key 0.
/// </summary>
public sealed class HashingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "Hash";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly int _bits;
    private readonly uint _seed;

    internal HashingTransformer(IReadOnlyList<(string Output, string Input)> columns, int numberOfBits, uint seed)
    {
        if (numberOfBits < 1 || numberOfBits > 31)
            throw new ArgumentOutOfRangeException(nameof(numberOfBits), numberOfBits, "Hash: numberOfBits must be from 1 to 31.");
        _columns = columns;
        _bits = numberOfBits;
        _seed = seed;
    }

    internal static HashingTransformer Load(StageReader reader)
    {
        int bits = reader.Get<int>("numberOfBits");
        return bits is >= 1 and <= 31
            ? new(reader.GetColumnPairs("columns"), bits, reader.Get<uint>("seed"))
            : throw reader.Corrupt($"its numberOfBits {bits} is not from 1 to 31");
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("numberOfBits", _bits);
        writer.Set("seed", _seed);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = input.GetColumnOrNull(c.Input) ?? throw input.MissingColumn(c.Input, $"Hash('{c.Output}')");
        var item = column.Type.ItemType();
        if (item is null || !ValueHash.CanHash(item))
            throw new ArgumentOutOfRangeException(nameof(input), $"Hash('{c.Output}'): column '{c.Input}' is {column.Type}; it hashes text, numbers, Booleans and keys, or vectors of them.");
        var key = new KeyDataViewType(typeof(uint), 1UL << _bits);
        var type = column.Type is VectorDataViewType vector ? new VectorDataViewType(key, [.. vector.Dimensions]) : (DataViewType)key;
        var make = typeof(HashingTransformer).GetMethod(nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(item.RawType);
        return new OutputColumn(c.Output, type, cursor => (Delegate)make.Invoke(this, [cursor, column, item])!);
    }).ToList();

    private uint Key(uint? hash) => hash is uint h ? (h & ((1u << _bits) - 1)) + 1 : 0;

    private Delegate Getter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, PrimitiveDataViewType item)
    {
        var hash = ValueHash.Of<T>(item, _seed);
        return ItemGetters.Map<T, uint>(cursor, column, (v, _) => Key(hash(v)));
    }
}
