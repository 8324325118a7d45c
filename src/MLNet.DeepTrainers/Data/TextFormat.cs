namespace MLNet.DeepTrainers.Data;

/// <summary>How the lines of a delimited text file split into fields.</summary>
internal sealed record TextFormat(char[] Separators, bool HasHeader, bool AllowQuoting, bool TrimWhitespace, bool AllowSparse = false, int? InputSize = null,
    bool MissingRealsAsNaNs = false)
{
    /// <summary>The most fields a line may have, or a vector column may read: a bound on what a hostile line can make us allocate.</summary>
    public const int MaximumFields = 1 << 24;

    /// <summary>Refuses settings that cannot split a line unambiguously.</summary>
    public TextFormat Checked()
    {
        if (Separators is null || Separators.Length == 0)
            throw new ArgumentException("A text loader needs at least one separator character.");
        if (AllowQuoting && Separators.Contains('"'))
            throw new ArgumentException("The quote character '\"' cannot also be a separator when quoting is allowed.");
        if (InputSize is < 0 or > MaximumFields)
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, $"InputSize must be between 0 and {MaximumFields}.");
        return this;
    }

    /// <summary>A separator as ML.NET's schema comments name it.</summary>
    public static string SeparatorName(char separator) => separator switch
    {
        '\t' => "tab",
        ' ' => "space",
        ',' => "comma",
        ';' => "semicolon",
        '|' => "bar",
        _ => separator.ToString(),
    };

    /// <summary>A separator from its name in a schema comment (or the character itself); null when it is neither.</summary>
    public static char? SeparatorFromName(string name) => name switch
    {
        "tab" => '\t',
        "space" => ' ',
        "comma" => ',',
        "semicolon" => ';',
        "bar" => '|',
        "colon" => ':',
        { Length: 1 } => name[0],
        _ => null,
    };
}
