namespace MLNet.DeepTrainers;

/// <summary>Reads the model's feature column of a row into a flat span, checked as at training.</summary>
internal static class FeatureRowReader
{
    public static Action<Span<float>> Create(DataViewRow row, DataViewSchema.Column features, int width)
    {
        if (features.Type is not VectorDataViewType)
        {
            var scalar = row.GetGetter<float>(features);
            float value = 0;
            return destination =>
            {
                scalar(ref value);
                destination[0] = value;
            };
        }
        var vector = row.GetGetter<VBuffer<float>>(features);
        var buffer = default(VBuffer<float>);
        return destination =>
        {
            vector(ref buffer);
            if (buffer.Length != width)
                throw new InvalidOperationException($"Row {row.Position} of the feature column '{features.Name}' has {buffer.Length} values, but the model reads {width}.");
            buffer.CopyTo(destination);
        };
    }
}
