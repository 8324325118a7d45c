namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// Reads a row's features as floats, for training and scoring alike: a Single, a vector of them, or a
/// vector of keys (token indices for an Embedding; key 0, the missing key, stays 0, the padding index).
/// </summary>
internal static class FeatureReader
{
    /// <summary>Whether <paramref name="type"/> is a vector of keys: features only a network starting with an Embedding reads.</summary>
    public static bool IsKeyVector(DataViewType type) => type is VectorDataViewType { ItemType: KeyDataViewType };

    /// <summary>
    /// A reader of the current row's features as a vector of the column's width: as sparse as a Single
    /// vector column hands it out; keys and scalars dense, in a buffer reused from row to row.
    /// </summary>
    public static ValueGetter<VBuffer<float>> MakeVector(DataViewRowCursor cursor, DataViewSchema.Column features)
    {
        if (features.Type is VectorDataViewType && !IsKeyVector(features.Type))
            return cursor.GetGetter<VBuffer<float>>(features);
        var read = Make(cursor, features);
        var buffer = new float[TrainingData.ShapeOf(features).Aggregate(1, (a, b) => a * b)];
        return (ref VBuffer<float> value) =>
        {
            read(buffer);
            value = new VBuffer<float>(buffer.Length, buffer);
        };
    }

    /// <summary>A reader that copies the current row's features into a span of the column's width.</summary>
    public static Action<Span<float>> Make(DataViewRowCursor cursor, DataViewSchema.Column features)
    {
        if (IsKeyVector(features.Type))
        {
            var readKeys = cursor.GetGetter<uint[]>(features);
            uint[] keys = [];
            return x =>
            {
                readKeys(ref keys);
                for (int i = 0; i < keys.Length; i++)
                    x[i] = keys[i];
            };
        }
        if (features.Type is VectorDataViewType)
        {
            var readVector = cursor.GetGetter<float[]>(features);
            float[] vector = [];
            return x =>
            {
                readVector(ref vector);
                vector.AsSpan().CopyTo(x);
            };
        }
        var readScalar = cursor.GetGetter<float>(features);
        float value = 0;
        return x =>
        {
            readScalar(ref value);
            x[0] = value;
        };
    }
}
