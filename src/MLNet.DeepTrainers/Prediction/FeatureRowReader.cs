namespace MLNet.DeepTrainers;

/// <summary>
/// Reads a row's features as the network takes them, the same way at training and at scoring: Single
/// values as the data gives them (a sparse vector stays sparse), a scalar as one value, keys as token
/// indices padded or truncated by <see cref="PadSequences"/>. Sizes and keys are checked against the type.
/// </summary>
internal sealed class FeatureRowReader
{
    private readonly DataViewRow _row;
    private readonly FeatureColumn _features;
    private readonly string _where;
    private readonly Action _read;
    private VBuffer<float> _values;

    /// <param name="row">The row or cursor to read.</param>
    /// <param name="column">The feature column in <paramref name="row"/>'s schema, of <paramref name="features"/>' type.</param>
    /// <param name="features">How the network reads the column.</param>
    /// <param name="user">The trainer, to begin messages with, or null when scoring.</param>
    public FeatureRowReader(DataViewRow row, DataViewSchema.Column column, FeatureColumn features, string? user)
    {
        _row = row;
        _features = features;
        _where = user is null ? "Row" : $"{user}: row";
        if (features.Sequences is PadSequences sequences)
        {
            var keys = row.GetGetter<VBuffer<uint>>(column);
            var buffer = default(VBuffer<uint>);
            var indices = new float[sequences.Length];
            _values = new VBuffer<float>(indices.Length, indices);
            _read = () =>
            {
                keys(ref buffer);
                int bad = sequences.Apply(buffer, indices);
                if (bad >= 0)
                    throw new InvalidOperationException($"{_where} {_row.Position} of the feature column '{_features.Name}' has the key {buffer.GetItemOrDefault(bad)} in slot {bad}, beyond the {sequences.IndexBound} keys of its type.");
            };
        }
        else if (column.Type is VectorDataViewType)
        {
            var vector = row.GetGetter<VBuffer<float>>(column);
            _read = () =>
            {
                vector(ref _values);
                if (_values.Length != _features.Width)
                    throw new InvalidOperationException($"{_where} {_row.Position} of the feature column '{_features.Name}' has {_values.Length} values, but its type says {_features.Width}.");
            };
        }
        else
        {
            var scalar = row.GetGetter<float>(column);
            var value = new float[1];
            _values = new VBuffer<float>(1, value);
            _read = () => scalar(ref value[0]);
        }
    }

    /// <summary>The current row's values, dense or sparse; valid until the next read.</summary>
    public ref readonly VBuffer<float> Read()
    {
        _read();
        return ref _values;
    }
}
