namespace MLNet.DeepTrainers.Data;

/// <summary>
/// One column of a text file, resolved: its type and the fields that fill it. A vector's fields are
/// its segments in order; a segment with no <see cref="TextSegment.Lim"/> reads to the end of each line.
/// </summary>
internal sealed record TextColumn(string Name, DataViewType Type, TextSegment[] Segments, string[]? SlotNames = null)
{
    /// <summary>The field count a line needs for this column to be read in full (a variable end needs none past its start).</summary>
    public int FieldsNeeded => Segments.Max(s => s.Lim ?? s.Min);

    /// <summary>How many items this column reads from a line of <paramref name="fieldCount"/> fields.</summary>
    public int Width(int fieldCount) => Segments.Sum(s => (s.Lim ?? Math.Max(fieldCount, s.Min)) - s.Min);
}

/// <summary>Fields <see cref="Min"/> (included) to <see cref="Lim"/> (excluded); a null Lim is the end of each line.</summary>
internal readonly record struct TextSegment(int Min, int? Lim);
