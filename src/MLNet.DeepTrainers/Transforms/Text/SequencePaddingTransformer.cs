namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// Keras's pad_sequences for a vector of keys: every row becomes exactly <c>length</c> keys, padded with
/// key 0 (the missing key, an Embedding's padding index) or cut, at the start or the end. The output is a
/// vector of known size of the same keys, which an Embedding reads.
/// </summary>
public sealed class SequencePaddingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "PadSequences";

    private readonly string _output;
    private readonly string _input;
    private readonly int _length;
    private readonly SequencePaddingEstimator.Side _padding;
    private readonly SequencePaddingEstimator.Side _truncating;

    internal SequencePaddingTransformer(string output, string input, int length, SequencePaddingEstimator.Side padding, SequencePaddingEstimator.Side truncating)
    {
        if (length <= 0 || length > VectorDataViewType.MaximumTransformSize)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"PadSequences('{output}'): the length must be from 1 to {VectorDataViewType.MaximumTransformSize}.");
        if (!Enum.IsDefined(padding) || !Enum.IsDefined(truncating))
            throw new ArgumentOutOfRangeException(nameof(padding), $"PadSequences('{output}'): padding and truncating must be Pre or Post (got {padding}, {truncating}).");
        _output = output;
        _input = input;
        _length = length;
        _padding = padding;
        _truncating = truncating;
    }

    internal static SequencePaddingTransformer Load(StageReader reader)
    {
        try
        {
            return new SequencePaddingTransformer(reader.Get<string>("output"), reader.Get<string>("input"), reader.Get<int>("length"),
                reader.Get<SequencePaddingEstimator.Side>("padding"), reader.Get<SequencePaddingEstimator.Side>("truncating"));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw reader.Corrupt(e.Message);
        }
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
        writer.Set("length", _length);
        writer.Set("padding", _padding);
        writer.Set("truncating", _truncating);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        string user = $"PadSequences('{_output}')";
        var column = input.GetColumnOrNull(_input) ?? throw input.MissingColumn(_input, user);
        if (column.Type is not VectorDataViewType { ItemType: KeyDataViewType keys })
            throw new ArgumentOutOfRangeException(nameof(input), $"{user}: column '{_input}' is {column.Type}; it needs a vector of keys (TokenizeIntoWords, then MapValueToKey).");
        var annotations = column.Annotations.KeyValues is Array values ? new DataViewSchema.Annotations(values, null) : null;
        return [new OutputColumn(_output, new VectorDataViewType(keys, _length), cursor =>
        {
            var read = cursor.GetGetter<uint[]>(column);
            uint[] sequence = [];
            return (ValueGetter<uint[]>)((ref uint[] padded) =>
            {
                read(ref sequence);
                if (padded is null || padded.Length != _length)
                    padded = new uint[_length];
                Pad(sequence, padded);
            });
        }, annotations)];
    }

    /// <summary>Writes <paramref name="sequence"/> into <paramref name="padded"/>: cut to its length at the truncating side, zeros at the padding side.</summary>
    private void Pad(ReadOnlySpan<uint> sequence, Span<uint> padded)
    {
        var kept = sequence.Length <= _length ? sequence
            : _truncating == SequencePaddingEstimator.Side.Pre ? sequence[^_length..] : sequence[.._length];
        int start = _padding == SequencePaddingEstimator.Side.Pre ? _length - kept.Length : 0;
        padded.Clear();
        kept.CopyTo(padded[start..]);
    }
}
