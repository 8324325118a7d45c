namespace MLNet.DeepTrainers;

/// <summary>An output column and the input column it is computed from, for the multi-column overloads of the transforms.</summary>
public sealed class InputOutputColumnPair
{
    /// <summary>Pairs <paramref name="outputColumnName"/> with <paramref name="inputColumnName"/> (null: the same name, replacing the column).</summary>
    public InputOutputColumnPair(string outputColumnName, string? inputColumnName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName ?? outputColumnName;
    }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>
    /// The pairs as (output, input) tuples, checked: at least one, none null, and no output named twice
    /// (one transform cannot write a column twice, as in ML.NET).
    /// </summary>
    internal static IReadOnlyList<(string Output, string Input)> Check(InputOutputColumnPair[] columns, string user)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
            throw new ArgumentException($"{user} needs at least one column pair.", nameof(columns));
        var outputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in columns)
        {
            if (pair is null)
                throw new ArgumentNullException(nameof(columns), $"{user}: a column pair is null.");
            if (!outputs.Add(pair.OutputColumnName))
                throw new ArgumentException($"{user}: the output column '{pair.OutputColumnName}' is named more than once; give each pair its own output.", nameof(columns));
        }
        return columns.Select(p => (p.OutputColumnName, p.InputColumnName)).ToList();
    }
}
