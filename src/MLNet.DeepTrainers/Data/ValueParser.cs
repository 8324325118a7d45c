using System.Globalization;
using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Data;

/// <summary>Text to typed values, culture-invariant, shared by the text loader and ConvertType.</summary>
internal static class ValueParser
{
    /// <summary>
    /// Parses <paramref name="text"/> as <typeparamref name="TValue"/>; false when it is not such a value.
    /// An empty field or ML.NET's "?" is a missing value: NaN for floating point, an error otherwise.
    /// </summary>
    public static bool TryParse<TValue>(ReadOnlySpan<char> text, out TValue value)
    {
        const NumberStyles Real = NumberStyles.Float;
        const NumberStyles Whole = NumberStyles.Integer;
        var invariant = CultureInfo.InvariantCulture;
        bool ok;
        if (typeof(TValue) == typeof(float))
        {
            float f = float.NaN;
            ok = IsMissing(text) || float.TryParse(text, Real, invariant, out f);
            value = As<float, TValue>(f);
        }
        else if (typeof(TValue) == typeof(double))
        {
            double d = double.NaN;
            ok = IsMissing(text) || double.TryParse(text, Real, invariant, out d);
            value = As<double, TValue>(d);
        }
        else if (typeof(TValue) == typeof(int))
        {
            ok = int.TryParse(text, Whole, invariant, out int i);
            value = As<int, TValue>(i);
        }
        else if (typeof(TValue) == typeof(long))
        {
            ok = long.TryParse(text, Whole, invariant, out long l);
            value = As<long, TValue>(l);
        }
        else if (typeof(TValue) == typeof(uint))
        {
            ok = uint.TryParse(text, Whole, invariant, out uint u);
            value = As<uint, TValue>(u);
        }
        else if (typeof(TValue) == typeof(bool))
        {
            bool isTrue = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("1");
            ok = isTrue || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("0");
            value = As<bool, TValue>(isTrue);
        }
        else if (typeof(TValue) == typeof(DateTime))
        {
            ok = DateTime.TryParse(text, invariant, DateTimeStyles.RoundtripKind, out var t);
            value = As<DateTime, TValue>(t);
        }
        else if (typeof(TValue) == typeof(DateTimeOffset))
        {
            ok = DateTimeOffset.TryParse(text, invariant, DateTimeStyles.None, out var t);
            value = As<DateTimeOffset, TValue>(t);
        }
        else if (typeof(TValue) == typeof(TimeSpan))
        {
            ok = TimeSpan.TryParse(text, invariant, out var t);
            value = As<TimeSpan, TValue>(t);
        }
        else if (typeof(TValue) == typeof(string))
        {
            ok = true;
            value = (TValue)(object)text.ToString();
        }
        else
        {
            throw new NotSupportedException($"Text cannot be parsed as {typeof(TValue).Name}.");
        }
        return ok;
    }

    private static bool IsMissing(ReadOnlySpan<char> text) => text.IsEmpty || text.SequenceEqual("?");

    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);
}
