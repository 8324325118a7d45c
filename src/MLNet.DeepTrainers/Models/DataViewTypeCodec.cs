using System.Globalization;
using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Models;

/// <summary>Column types to and from the short names model files use: "Single", "Key:3", "Vector:1,28,28".</summary>
internal static class DataViewTypeCodec
{
    public static string Encode(DataViewType type) => type switch
    {
        KeyDataViewType k => $"Key:{k.Count}",
        VectorDataViewType v => $"Vector:{string.Join(",", v.Dimensions)}",
        _ => type.ToString()!,
    };

    public static DataViewType Decode(string text)
    {
        var parts = text.Split(':', 2);
        return parts[0] switch
        {
            "Single" => NumberDataViewType.Single,
            "Double" => NumberDataViewType.Double,
            "Int32" => NumberDataViewType.Int32,
            "Int64" => NumberDataViewType.Int64,
            "UInt32" => NumberDataViewType.UInt32,
            "Boolean" => BooleanDataViewType.Instance,
            "String" => TextDataViewType.Instance,
            "Key" when parts.Length == 2 => new KeyDataViewType(typeof(uint), ulong.Parse(parts[1], CultureInfo.InvariantCulture)),
            "Vector" when parts.Length == 2 => new VectorDataViewType(NumberDataViewType.Single, parts[1].Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray()),
            _ => throw new InvalidDataException($"'{text}' is not a column type this library knows."),
        };
    }
}
