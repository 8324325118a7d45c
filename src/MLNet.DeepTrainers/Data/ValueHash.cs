using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// How ML.NET hashes one value of a column (its HashingTransformer, current version): MurmurHash3 of
/// the value's bits, text trimmed of spaces. A missing value (NaN, empty text, key 0) has no hash.
/// The Hash transform and the splits by a sampling key both hash through here.
/// </summary>
internal static class ValueHash
{
    /// <summary>Whether values of <paramref name="type"/> can be hashed.</summary>
    public static bool CanHash(PrimitiveDataViewType type) =>
        type is KeyDataViewType || Array.IndexOf(Hashed, type.RawType) >= 0;

    private static readonly Type[] Hashed = [typeof(string), typeof(float), typeof(double), typeof(int), typeof(uint), typeof(long), typeof(bool)];

    /// <summary>The hash of a value of <paramref name="type"/> (raw type <typeparamref name="T"/>), or null when the value is missing.</summary>
    public static Func<T, uint?> Of<T>(PrimitiveDataViewType type, uint seed)
    {
        if (type is KeyDataViewType)
            return v => As<T, uint>(v) is var key && key != 0 ? MurmurHash.Of(seed, key) : null;
        return typeof(T) switch
        {
            // Only empty text is missing; text of spaces hashes as "" after trimming, as in ML.NET.
            var t when t == typeof(string) => v => (string?)(object?)v is { Length: > 0 } text ? MurmurHash.Of(seed, text.AsSpan().Trim(' ')) : null,
            // -0 hashes as 0, as in ML.NET.
            var t when t == typeof(float) => v => As<T, float>(v) is var f && !float.IsNaN(f) ? MurmurHash.Of(seed, BitConverter.SingleToUInt32Bits(f == 0 ? 0 : f)) : null,
            var t when t == typeof(double) => v => As<T, double>(v) is var d && !double.IsNaN(d) ? MurmurHash.Of(seed, BitConverter.DoubleToUInt64Bits(d == 0 ? 0 : d)) : null,
            var t when t == typeof(int) => v => MurmurHash.Of(seed, (uint)As<T, int>(v)),
            var t when t == typeof(uint) => v => MurmurHash.Of(seed, As<T, uint>(v)),
            var t when t == typeof(long) => v => MurmurHash.Of(seed, (ulong)As<T, long>(v)),
            var t when t == typeof(bool) => v => MurmurHash.Of(seed, As<T, bool>(v) ? 1u : 0u),
            _ => throw new ArgumentOutOfRangeException(nameof(type), $"Values of type {type} cannot be hashed."),
        };
    }

    /// <summary>
    /// The one hash of a whole vector (ML.NET's <c>combine</c>), or null when an item is missing. Numbers
    /// are MurmurHash3 over the items' bytes one after the other (each item's 32-bit blocks, then one
    /// finalisation over the total length); text hashes each item with the hash so far as its seed.
    /// </summary>
    public static Func<T[], uint?> Combined<T>(PrimitiveDataViewType type, uint seed)
    {
        if (typeof(T) == typeof(string))
        {
            return values =>
            {
                uint hash = seed;
                foreach (var value in values)
                {
                    if ((string?)(object?)value is not { Length: > 0 } text)
                        return null;
                    hash = MurmurHash.Of(hash, text.AsSpan().Trim(' '));
                }
                return hash;
            };
        }
        Func<T, (bool Missing, ulong Bits)> bits = type is KeyDataViewType
            ? v => (As<T, uint>(v) == 0, As<T, uint>(v))
            : typeof(T) switch
            {
                var t when t == typeof(float) => v => As<T, float>(v) is var f && float.IsNaN(f) ? (true, 0) : (false, BitConverter.SingleToUInt32Bits(f == 0 ? 0 : f)),
                var t when t == typeof(double) => v => As<T, double>(v) is var d && double.IsNaN(d) ? (true, 0) : (false, BitConverter.DoubleToUInt64Bits(d == 0 ? 0 : d)),
                var t when t == typeof(int) => v => (false, (uint)As<T, int>(v)),
                var t when t == typeof(uint) => v => (false, As<T, uint>(v)),
                var t when t == typeof(long) => v => (false, (ulong)As<T, long>(v)),
                var t when t == typeof(bool) => v => (false, As<T, bool>(v) ? 1u : 0u),
                _ => throw new ArgumentOutOfRangeException(nameof(type), $"Values of type {type} cannot be hashed."),
            };
        bool wide = typeof(T) == typeof(double) || typeof(T) == typeof(long);
        return values =>
        {
            uint hash = seed;
            foreach (var value in values)
            {
                var (missing, b) = bits(value);
                if (missing)
                    return null;
                hash = MurmurHash.Round(hash, (uint)b);
                if (wide)
                    hash = MurmurHash.Round(hash, (uint)(b >> 32));
            }
            return MurmurHash.Mix(hash, values.Length * (wide ? sizeof(ulong) : sizeof(uint)));
        };
    }

    // T is the value's own type here (checked above), so this reinterprets without boxing.
    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);
}
