namespace MLNet.DeepTrainers;

/// <summary>A message of <see cref="MLContext.Log"/>.</summary>
public sealed class LoggingEventArgs(string message, ChannelMessageKind kind, string source) : EventArgs
{
    /// <summary>The text, prefixed with its source.</summary>
    public string Message { get; } = $"[Source={source}, Kind={kind}] {message}";

    /// <summary>The message's importance.</summary>
    public ChannelMessageKind Kind { get; } = kind;

    /// <summary>The component that wrote it.</summary>
    public string Source { get; } = source;

    /// <summary>The text alone.</summary>
    public string RawMessage { get; } = message;
}
