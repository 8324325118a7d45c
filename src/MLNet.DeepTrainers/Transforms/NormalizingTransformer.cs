namespace MLNet.DeepTrainers.Transforms;

/// <summary>A fitted normalizer: <c>y = (x - offset) * scale</c> per slot, then the standard normal CDF if asked.</summary>
public sealed class NormalizingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "Normalize";
    private readonly string _output;
    private readonly string _input;
    private readonly DataViewType _type;
    private readonly float[] _scale;
    private readonly float[] _offset;
    private readonly bool _cdf;

    internal NormalizingTransformer(string output, string input, DataViewType type, float[] scale, float[] offset, bool cdf)
    {
        _output = output;
        _input = input;
        _type = type;
        _scale = scale;
        _offset = offset;
        _cdf = cdf;
    }

    /// <summary>The learned scale of each slot.</summary>
    public IReadOnlyList<float> Scale => _scale;

    /// <summary>The learned offset of each slot (subtracted before scaling).</summary>
    public IReadOnlyList<float> Offset => _offset;

    internal static NormalizingTransformer Load(StageReader reader)
    {
        var type = DataViewTypeCodec.Decode(reader.Get<string>("type"), reader);
        long width = type is VectorDataViewType v ? v.Size : 1;
        var tensors = reader.ReadTensors(new Dictionary<string, long[]> { ["scale"] = [width], ["offset"] = [width] });
        return new NormalizingTransformer(reader.Get<string>("output"), reader.Get<string>("input"), type,
            tensors["scale"].Values, tensors["offset"].Values, reader.Get<bool>("cdf"));
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
        writer.Set("type", DataViewTypeCodec.Encode(_type));
        writer.Set("cdf", _cdf);
        writer.SetTensor("scale", _scale, _scale.Length);
        writer.SetTensor("offset", _offset, _offset.Length);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = input[_input];
        if (!column.Type.Equals(_type))
            throw new ArgumentOutOfRangeException(nameof(input), $"Normalize('{_output}'): column '{_input}' is {column.Type}, but the normalizer was fitted on {_type}.");
        Delegate MakeGetter(DataViewRowCursor cursor)
        {
            if (_type is VectorDataViewType)
            {
                var read = cursor.GetGetter<float[]>(column);
                return (ValueGetter<float[]>)((ref float[] value) =>
                {
                    read(ref value);
                    for (int i = 0; i < value.Length; i++)
                        value[i] = Apply(value[i], i);
                });
            }
            var readScalar = cursor.GetGetter<float>(column);
            return (ValueGetter<float>)((ref float value) =>
            {
                readScalar(ref value);
                value = Apply(value, 0);
            });
        }
        return [new OutputColumn(_output, _type, MakeGetter, column.Annotations)];
    }

    private float Apply(float x, int slot)
    {
        float y = (x - _offset[slot]) * _scale[slot];
        return _cdf ? (float)StandardNormal.Cdf(y) : y;
    }
}
