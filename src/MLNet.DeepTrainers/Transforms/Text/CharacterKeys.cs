using System.Globalization;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's character keys: a UTF-16 code unit is its own key (the NUL character is key 0, the missing
/// key), so there are 65,535 keys, and each key's value is the character, or for a character that does
/// not print, the name ML.NET gives it (control pictures such as "&lt;␠&gt;" for the space).
/// </summary>
internal static class CharacterKeys
{
    /// <summary>The number of keys: every UTF-16 code unit but NUL.</summary>
    public const int Count = ushort.MaxValue;

    /// <summary>The markers ML.NET puts around a text's characters, and between the texts of a vector.</summary>
    public const char TextStart = '\u0002', TextEnd = '\u0003', UnitSeparator = '\u001f';

    private static readonly Lazy<string[]> KeyValues = new(() => Enumerable.Range(1, Count).Select(k => Name((char)k)).ToArray());

    /// <summary>The value of key k at index k - 1, built once for the process (65,535 short strings).</summary>
    public static string[] Values => KeyValues.Value;

    private static readonly string[] C1Names =
    [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
        "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ];

    private static string Name(char c) => c switch
    {
        <= ' ' => $"<{(char)(c + '\u2400')}>",
        // ML.NET's format string here has no digit placeholder, so every surrogate is named "\u4X".
        >= '\uD800' and <= '\uDFFF' => string.Format(CultureInfo.InvariantCulture, "\\u{0:4X}", (int)c),
        '\u007f' => "<\u2421>",
        >= '\u0080' and <= '\u009f' => $"<{C1Names[c - '\u0080']}>",
        '\u2028' => "<LSEP>",
        '\u2029' => "<PSEP>",
        _ => c.ToString(),
    };
}
