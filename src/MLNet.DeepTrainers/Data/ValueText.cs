using System.Globalization;

namespace MLNet.DeepTrainers.Data;

/// <summary>How a column value reads as text in key values and slot names: invariant culture, numbers round-trip.</summary>
internal static class ValueText
{
    public static string Of(object? value) => value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "";

    public static string[] Of(Array values) => values.Cast<object>().Select(Of).ToArray();
}
