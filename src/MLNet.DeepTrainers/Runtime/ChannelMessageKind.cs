namespace MLNet.DeepTrainers.Runtime;

/// <summary>How important a log message is.</summary>
public enum ChannelMessageKind
{
    /// <summary>Detail for debugging.</summary>
    Trace,
    /// <summary>Progress and facts.</summary>
    Info,
    /// <summary>Something the user should look at.</summary>
    Warning,
    /// <summary>A failure.</summary>
    Error,
}
