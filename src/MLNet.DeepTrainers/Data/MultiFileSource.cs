namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Files as an <see cref="IMultiStreamSource"/>, in the order given. As in ML.NET, a path whose file
/// name holds <c>*</c> or <c>?</c> stands for the matching files of its folder, in name order.
/// </summary>
public sealed class MultiFileSource : IMultiStreamSource
{
    private readonly string[] _paths;

    /// <param name="paths">The files; a file name may hold the wildcards <c>*</c> and <c>?</c>.</param>
    public MultiFileSource(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = paths.SelectMany(Expand).ToArray();
    }

    /// <inheritdoc />
    public int Count => _paths.Length;

    /// <inheritdoc />
    public string? GetPathOrNull(int index) => _paths[index];

    /// <inheritdoc />
    public Stream Open(int index) => File.OpenRead(_paths[index]);

    /// <inheritdoc />
    public TextReader OpenTextReader(int index) => new StreamReader(Open(index));

    private static IEnumerable<string> Expand(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        if (name.IndexOfAny(['*', '?']) < 0)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
            return [path];
        }
        string folder = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The folder '{folder}' of '{path}' does not exist.");
        var matches = Directory.GetFiles(folder, name).Order(StringComparer.Ordinal).ToArray();
        if (matches.Length == 0)
            throw new FileNotFoundException($"No file matches '{path}'.", path);
        return matches;
    }
}
