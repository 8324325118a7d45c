using System.Numerics;
using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Encodes a column's categories; a value never seen in fitting encodes as missing (all zeros, or key 0).</summary>
public sealed class OneHotEncodingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "OneHotEncoding";
    private readonly KeyedColumn[] _columns;
    private readonly OutputKind _kind;

    internal OneHotEncodingTransformer(KeyedColumn[] columns, OutputKind kind)
    {
        _columns = columns;
        _kind = kind;
    }

    internal static OneHotEncodingTransformer Load(StageReader reader) => new(KeyedColumn.LoadAll(reader), reader.Get<OutputKind>("outputKind"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        KeyedColumn.SaveAll(writer, _columns);
        writer.Set("outputKind", _kind);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c => Output(input, c)).ToList();

    private OutputColumn Output(DataViewSchema input, KeyedColumn c)
    {
        var column = c.Find(input, $"OneHotEncoding('{c.Output}')");
        var mapping = c.Mapping;
        if (_kind == OutputKind.Key)
            return new OutputColumn(c.Output, c.KeyType, cursor => mapping.KeyGetter(cursor, column), new DataViewSchema.Annotations(mapping.Values, null));
        bool binary = _kind == OutputKind.Binary;
        // Binary: enough bits for the largest key; key 0 (missing) is all zeros.
        int width = binary ? 32 - BitOperations.LeadingZeroCount((uint)mapping.Count) : mapping.Count;
        var slotNames = binary
            ? Enumerable.Range(0, width).Select(b => $"{c.Input}.bit{width - 1 - b}").ToArray()
            : ValueToKeyMappingTransformer.AsText(mapping.Values).Select(v => $"{c.Input}.{v}").ToArray();
        return new OutputColumn(c.Output, new VectorDataViewType(NumberDataViewType.Single, width), cursor => VectorGetter(mapping.KeyGetter(cursor, column), width, binary), new DataViewSchema.Annotations(null, slotNames));
    }

    private static ValueGetter<float[]> VectorGetter(ValueGetter<uint> readKey, int width, bool binary)
    {
        uint key = 0;
        return (ref float[] value) =>
        {
            if (value is null || value.Length != width)
                value = new float[width];
            Array.Clear(value);
            readKey(ref key);
            if (key == 0)
                return;
            if (!binary)
            {
                value[key - 1] = 1;
                return;
            }
            for (int b = 0; b < width; b++)
                value[b] = (key >> (width - 1 - b)) & 1;
        };
    }
}
