using System.Numerics;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Models;
using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Encodes a column's categories; a value never seen in fitting encodes as missing (all zeros, or key 0).</summary>
public sealed class OneHotEncodingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "OneHotEncoding";
    private readonly string _output;
    private readonly string _input;
    private readonly DataViewType _inputType;
    private readonly KeyMapping _mapping;
    private readonly OutputKind _kind;

    internal OneHotEncodingTransformer(string output, string input, DataViewType inputType, KeyMapping mapping, OutputKind kind)
    {
        _output = output;
        _input = input;
        _inputType = inputType;
        _mapping = mapping;
        _kind = kind;
    }

    internal static OneHotEncodingTransformer Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string>("input"),
        DataViewTypeCodec.Decode(reader.Get<string>("inputType")), KeyMapping.FromValues(reader.GetKeyValues("keyValues") ?? throw reader.Corrupt("it lacks its key values")),
        reader.Get<OutputKind>("outputKind"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
        writer.Set("inputType", DataViewTypeCodec.Encode(_inputType));
        writer.SetKeyValues("keyValues", _mapping.Values);
        writer.Set("outputKind", _kind);
    }

    // Enough bits for the largest key; key 0 (missing) is all zeros.
    private int BinaryWidth => 32 - BitOperations.LeadingZeroCount((uint)_mapping.Count);

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = ValueToKeyMappingTransformer.CheckInput(input, _input, _inputType, $"OneHotEncoding('{_output}')");
        if (_kind == OutputKind.Key)
            return [new OutputColumn(_output, new KeyDataViewType(typeof(uint), (ulong)_mapping.Count), cursor => _mapping.KeyGetter(cursor, column), new DataViewSchema.Annotations(_mapping.Values, null))];
        bool binary = _kind == OutputKind.Binary;
        int width = binary ? BinaryWidth : _mapping.Count;
        var slotNames = binary
            ? Enumerable.Range(0, width).Select(b => $"{_input}.bit{width - 1 - b}").ToArray()
            : ValueToKeyMappingTransformer.AsText(_mapping.Values).Select(v => $"{_input}.{v}").ToArray();
        return [new OutputColumn(_output, new VectorDataViewType(NumberDataViewType.Single, width), cursor => VectorGetter(cursor, column, width, binary), new DataViewSchema.Annotations(null, slotNames))];
    }

    private ValueGetter<float[]> VectorGetter(DataViewRowCursor cursor, DataViewSchema.Column column, int width, bool binary)
    {
        var readKey = _mapping.KeyGetter(cursor, column);
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
