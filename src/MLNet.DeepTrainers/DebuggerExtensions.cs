namespace MLNet.DeepTrainers;

/// <summary>Debugging helpers on any data view.</summary>
public static class DebuggerExtensions
{
    /// <summary>Reads the first <paramref name="maxRows"/> rows into a <see cref="DataDebuggerPreview"/>.</summary>
    public static DataDebuggerPreview Preview(this IDataView data, int maxRows = 100) => new(data, maxRows);
}
