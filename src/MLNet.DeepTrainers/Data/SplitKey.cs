namespace MLNet.DeepTrainers.Data;

/// <summary>
/// ML.NET's split column: each row's place in [0, 1], from which TrainTestSplit sends [0, testFraction)
/// to the test set and CrossValidationSplit sends [i/k, (i+1)/k] to fold i's. Without a sampling key
/// the place is random (a hash of the seed and the row). With one, rows of equal key share a place:
/// a Single or Double key is min-max scaled over the data (so few groups still spread over [0, 1]), a
/// key-typed one maps k of n to (k - 0.5) / n, and any other is hashed as ML.NET hashes it (MurmurHash3,
/// 30 bits, seeded with the split's seed).
/// </summary>
internal static class SplitKey
{
    private const int HashBits = 30;

    public static Func<DataViewRowCursor, Func<double>> For(IDataView data, string? samplingKeyColumnName, int seed, string user)
    {
        if (samplingKeyColumnName is null)
            return cursor => () => RowHash.Uniform(seed, (ulong)cursor.Position);
        var column = data.Schema.GetColumnOrNull(samplingKeyColumnName) ?? throw data.Schema.MissingColumn(samplingKeyColumnName, user);
        var type = column.Type;
        if (type.Equals(NumberDataViewType.Single) || type.Equals(NumberDataViewType.Double))
            return Scaled(data, column, user);
        if (type is KeyDataViewType key)
        {
            return cursor =>
            {
                var read = CursorValues.Of<uint>(cursor, column);
                return Placed(cursor, column, user, () => read() is var k && k != 0 ? k : (uint?)null, k => (k - 0.5) / key.Count);
            };
        }
        double buckets = 1 << HashBits;
        uint mask = (1u << HashBits) - 1, hashSeed = (uint)seed;
        if (type is not PrimitiveDataViewType primitive || !ValueHash.CanHash(primitive))
            throw new ArgumentOutOfRangeException(nameof(samplingKeyColumnName),
                $"{user}: the sampling key column '{column.Name}' is {type}; use a scalar column (a number, key, text or Boolean).");
        var hasher = typeof(SplitKey).GetMethod(nameof(Hasher), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type.RawType);
        Func<DataViewRowCursor, Func<uint?>> hash = c => (Func<uint?>)hasher.Invoke(null, [c, column, primitive, hashSeed])!;
        return cursor =>
        {
            var next = hash(cursor);
            return Placed(cursor, column, user, next, h => (h & mask) / buckets);
        };
    }

    private static Func<uint?> Hasher<T>(DataViewRowCursor cursor, DataViewSchema.Column column, PrimitiveDataViewType type, uint seed)
    {
        var read = CursorValues.Of<T>(cursor, column);
        var hash = ValueHash.Of<T>(type, seed);
        return () => hash(read());
    }

    private static Func<DataViewRowCursor, Func<double>> Scaled(IDataView data, DataViewSchema.Column column, string user)
    {
        // ML.NET min-max scales the key over the whole data first (its NormalizeMinMax, not fixing zero).
        var range = new Lazy<(double Min, double Max)>(() =>
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            using var cursor = data.GetRowCursor([column]);
            var value = CursorValues.AsDouble(cursor, column);
            while (cursor.MoveNext())
            {
                double v = value();
                if (double.IsFinite(v))
                    (min, max) = (Math.Min(min, v), Math.Max(max, v));
            }
            return (min, max);
        });
        return cursor =>
        {
            var value = CursorValues.AsDouble(cursor, column);
            return Placed(cursor, column, user, () => value() is var v && double.IsFinite(v) ? v : (double?)null, v =>
            {
                var (min, max) = range.Value;
                return max > min ? (v - min) / (max - min) : 0;
            });
        };
    }

    // ML.NET drops rows whose key is missing from both sides of a split; here that is an error, so no
    // row disappears unnoticed.
    private static Func<double> Placed<T>(DataViewRowCursor cursor, DataViewSchema.Column column, string user, Func<T?> read, Func<T, double> place) where T : struct =>
        () => read() is T value
            ? place(value)
            : throw new InvalidOperationException($"{user}: row {cursor.Position} has no sampling key (column '{column.Name}' is missing, NaN or empty there), so it belongs to no side of the split. " +
                "Remove such rows with FilterRowsByMissingValues or fill them with ReplaceMissingValues first.");
}
