namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// The categories learned from a column and the key (1 to Count) of each; a value not among them,
/// or a missing one (NaN, empty text), maps to key 0. Shared by MapValueToKey and OneHotEncoding.
/// </summary>
internal abstract class KeyMapping
{
    /// <summary>The category of each key: element k - 1 is key k's value, typed as the input column.</summary>
    public abstract Array Values { get; }

    public int Count => Values.Length;

    /// <summary>A getter of the key of <paramref name="column"/>'s value in the current row.</summary>
    public abstract ValueGetter<uint> KeyGetter(DataViewRowCursor cursor, DataViewSchema.Column column);

    /// <summary>A getter of the keys of the items of <paramref name="column"/>'s vector in the current row.</summary>
    public abstract ValueGetter<uint[]> KeysGetter(DataViewRowCursor cursor, DataViewSchema.Column column);

    public static KeyMapping Learn(IDataView data, DataViewSchema.Column column, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality ordinality)
    {
        var mapping = Create(column.Type is VectorDataViewType vector ? vector.ItemType.RawType : column.Type.RawType, null);
        mapping.LearnFrom(data, column, maximumNumberOfKeys, ordinality);
        return mapping;
    }

    public static KeyMapping FromValues(Array values) => Create(values.GetType().GetElementType()!, values);

    private static KeyMapping Create(Type valueType, Array? values) =>
        (KeyMapping)Activator.CreateInstance(typeof(KeyMapping<>).MakeGenericType(valueType), values)!;

    private protected abstract void LearnFrom(IDataView data, DataViewSchema.Column column, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality ordinality);
}

internal sealed class KeyMapping<TValue> : KeyMapping where TValue : notnull
{
    private readonly Dictionary<TValue, uint> _keys = [];
    private TValue[] _values;

    public KeyMapping(TValue[]? values)
    {
        _values = values ?? [];
        for (int i = 0; i < _values.Length; i++)
            _keys[_values[i]] = (uint)i + 1;
    }

    public override Array Values => _values;

    public override ValueGetter<uint> KeyGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var read = cursor.GetGetter<TValue>(column);
        TValue value = default!;
        return (ref uint key) =>
        {
            read(ref value);
            key = KeyOf(value);
        };
    }

    public override ValueGetter<uint[]> KeysGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var read = cursor.GetGetter<TValue[]>(column);
        TValue[] values = [];
        return (ref uint[] keys) =>
        {
            read(ref values);
            keys = values.Select(KeyOf).ToArray();
        };
    }

    // A value's key: 0 for a missing value or one not learned.
    private uint KeyOf(TValue value) => !IsMissing(value) && _keys.TryGetValue(value, out uint key) ? key : 0;

    // The first maximumNumberOfKeys distinct values met, row by row (and item by item in a vector), as ML.NET.
    private protected override void LearnFrom(IDataView data, DataViewSchema.Column column, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality ordinality)
    {
        var seen = new List<TValue>();
        var distinct = new HashSet<TValue>();
        void Meet(TValue value)
        {
            if (seen.Count < maximumNumberOfKeys && !IsMissing(value) && distinct.Add(value))
                seen.Add(value);
        }
        using (var cursor = data.GetRowCursor([column]))
        {
            if (column.Type is VectorDataViewType)
            {
                var readVector = cursor.GetGetter<TValue[]>(column);
                TValue[] values = [];
                while (cursor.MoveNext() && seen.Count < maximumNumberOfKeys)
                {
                    readVector(ref values);
                    foreach (var value in values)
                        Meet(value);
                }
            }
            else
            {
                var read = cursor.GetGetter<TValue>(column);
                TValue value = default!;
                while (cursor.MoveNext() && seen.Count < maximumNumberOfKeys)
                {
                    read(ref value);
                    Meet(value);
                }
            }
        }
        if (ordinality == ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            seen.Sort(typeof(TValue) == typeof(string) ? (IComparer<TValue>)StringComparer.Ordinal : Comparer<TValue>.Default);
        _values = [.. seen];
        for (int i = 0; i < _values.Length; i++)
            _keys[_values[i]] = (uint)i + 1;
    }

    private static bool IsMissing(TValue value) => value switch
    {
        float f => float.IsNaN(f),
        double d => double.IsNaN(d),
        string s => s.Length == 0,
        _ => false,
    };
}
