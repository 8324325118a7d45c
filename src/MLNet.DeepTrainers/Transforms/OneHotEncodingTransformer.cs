using System.Numerics;
using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Encodes a column's categories; a value never seen in fitting encodes as missing (all zeros, or key 0).</summary>
public sealed class OneHotEncodingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "OneHotEncoding";
    private readonly KeyedColumn _column;
    private readonly OutputKind _kind;

    internal OneHotEncodingTransformer(KeyedColumn column, OutputKind kind)
    {
        _column = column;
        _kind = kind;
    }

    internal static OneHotEncodingTransformer Load(StageReader reader) => new(KeyedColumn.Load(reader), reader.Get<OutputKind>("outputKind"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        _column.Save(writer);
        writer.Set("outputKind", _kind);
    }

    private KeyMapping Mapping => _column.Mapping;

    // Enough bits for the largest key; key 0 (missing) is all zeros.
    private int BinaryWidth => 32 - BitOperations.LeadingZeroCount((uint)Mapping.Count);

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = _column.Find(input, $"OneHotEncoding('{_column.Output}')");
        if (_kind == OutputKind.Key)
            return [new OutputColumn(_column.Output, _column.KeyType, cursor => Mapping.KeyGetter(cursor, column), new DataViewSchema.Annotations(Mapping.Values, null))];
        bool binary = _kind == OutputKind.Binary;
        int width = binary ? BinaryWidth : Mapping.Count;
        var slotNames = binary
            ? Enumerable.Range(0, width).Select(b => $"{_column.Input}.bit{width - 1 - b}").ToArray()
            : ValueToKeyMappingTransformer.AsText(Mapping.Values).Select(v => $"{_column.Input}.{v}").ToArray();
        return [new OutputColumn(_column.Output, new VectorDataViewType(NumberDataViewType.Single, width), cursor => VectorGetter(cursor, column, width, binary), new DataViewSchema.Annotations(null, slotNames))];
    }

    private ValueGetter<float[]> VectorGetter(DataViewRowCursor cursor, DataViewSchema.Column column, int width, bool binary)
    {
        var readKey = Mapping.KeyGetter(cursor, column);
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
