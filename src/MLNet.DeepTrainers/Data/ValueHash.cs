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
            var t when t == typeof(string) => v => ((string)(object)v!).AsSpan().Trim(' ') is { IsEmpty: false } text ? MurmurHash.Of(seed, text) : null,
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

    // T is the value's own type here (checked above), so this reinterprets without boxing.
    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);
}
