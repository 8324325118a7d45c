namespace MLNet.DeepTrainers;

/// <summary>Numbered sources of text, as ML.NET's <c>IMultiStreamSource</c>: what a <see cref="Data.TextLoader"/> reads.</summary>
public interface IMultiStreamSource
{
    /// <summary>The number of sources.</summary>
    int Count { get; }

    /// <summary>The path of source <paramref name="index"/>, or null when it is not a file.</summary>
    string? GetPathOrNull(int index);

    /// <summary>Opens source <paramref name="index"/> for reading.</summary>
    Stream Open(int index);

    /// <summary>Opens source <paramref name="index"/> as text (UTF-8 unless its byte order mark says otherwise).</summary>
    TextReader OpenTextReader(int index);
}
