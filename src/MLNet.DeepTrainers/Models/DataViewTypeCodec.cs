using System.Globalization;

namespace MLNet.DeepTrainers.Models;

/// <summary>Column types to and from the short names model files use: "Single", "Key:3", "Vector:1,28,28".</summary>
internal static class DataViewTypeCodec
{
    public static string Encode(DataViewType type) => type switch
    {
        KeyDataViewType k => $"Key:{k.Count}",
        // A Single vector is "Vector:3" (as version 1 wrote it); others name their item: "Vector<Boolean>:3".
        // A vector whose size varies has the size 0.
        VectorDataViewType v => $"Vector{(v.ItemType.Equals(NumberDataViewType.Single) ? "" : $"<{Encode(v.ItemType)}>")}:{(v.IsKnownSize ? string.Join(",", v.Dimensions) : "0")}",
        _ => type.ToString()!,
    };

    /// <summary>The type <paramref name="text"/> names; anything else, or a size out of range, is <paramref name="reader"/>'s corruption error.</summary>
    public static DataViewType Decode(string text, StageReader reader)
    {
        // "Vector<item>:dims", where the item may itself hold a colon ("Vector<Key:16>:2").
        int close = text.LastIndexOf(">:", StringComparison.Ordinal);
        // The item is a primitive, never a vector, so a crafted "Vector<Vector<..." cannot recurse deeply.
        if (text.StartsWith("Vector<", StringComparison.Ordinal) && close > 0 && text.IndexOf('<', "Vector<".Length, close - "Vector<".Length) < 0
            && Decode(text["Vector<".Length..close], reader) is PrimitiveDataViewType item && Dimensions(text[(close + 2)..]) is int[] itemDimensions)
            return new VectorDataViewType(item, itemDimensions);
        var parts = text.Split(':', 2);
        return parts[0] switch
        {
            "Single" when parts.Length == 1 => NumberDataViewType.Single,
            "Double" when parts.Length == 1 => NumberDataViewType.Double,
            "Int32" when parts.Length == 1 => NumberDataViewType.Int32,
            "Int64" when parts.Length == 1 => NumberDataViewType.Int64,
            "UInt32" when parts.Length == 1 => NumberDataViewType.UInt32,
            "Boolean" when parts.Length == 1 => BooleanDataViewType.Instance,
            "String" when parts.Length == 1 => TextDataViewType.Instance,
            "DateTime" when parts.Length == 1 => DateTimeDataViewType.Instance,
            "DateTimeOffset" when parts.Length == 1 => DateTimeOffsetDataViewType.Instance,
            "TimeSpan" when parts.Length == 1 => TimeSpanDataViewType.Instance,
            "Key" when parts.Length == 2 && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint count) && count > 0
                => new KeyDataViewType(typeof(uint), count),
            "Vector" when parts.Length == 2 && Dimensions(parts[1]) is int[] dimensions => new VectorDataViewType(NumberDataViewType.Single, dimensions),
            _ => throw reader.Corrupt($"'{text}' is not a column type this library knows (or its sizes are out of range)"),
        };
    }

    // Positive sizes whose product fits one .NET array (or the single size 0: the size varies), or null.
    private static int[]? Dimensions(string text)
    {
        if (text == "0")
            return [];
        var sizes = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size <= 0)
                return null;
            sizes.Add(size);
        }
        try
        {
            Layer.Product(sizes);
            return [.. sizes];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
