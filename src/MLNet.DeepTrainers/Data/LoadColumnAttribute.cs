namespace MLNet.DeepTrainers.Data;

/// <summary>Which field (or range of fields, for a vector) of a text file fills this member; indices start at 0.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class LoadColumnAttribute : Attribute
{
    /// <summary>One field.</summary>
    public LoadColumnAttribute(int fieldIndex) : this(fieldIndex, fieldIndex) { }

    /// <summary>The fields <paramref name="start"/> to <paramref name="end"/>, both included, as a vector.</summary>
    public LoadColumnAttribute(int start, int end)
    {
        if (start < 0 || end < start)
            throw new ArgumentOutOfRangeException(nameof(start), $"LoadColumn({start}, {end}) is not a valid range of field indices.");
        Start = start;
        End = end;
    }

    /// <summary>The first field.</summary>
    public int Start { get; }

    /// <summary>The last field.</summary>
    public int End { get; }
}
