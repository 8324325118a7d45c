using System.Collections.Concurrent;
using System.Collections.Frozen;
using static MLNet.DeepTrainers.Transforms.Text.StopWordsRemovingEstimator;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's default stop-word lists, one per language (the files under StopWords/, taken from
/// dotnet/machinelearning, MIT licence; stored as UTF-8 here), read from the assembly once each.
/// </summary>
internal static class StopWords
{
    private static readonly ConcurrentDictionary<Language, FrozenSet<string>> Lists = new();

    /// <summary>The language's stop words, as its list writes them.</summary>
    public static FrozenSet<string> Of(Language language) => Lists.GetOrAdd(language, Read);

    private static FrozenSet<string> Read(Language language)
    {
        using var stream = typeof(StopWords).Assembly.GetManifestResourceStream($"StopWords.{language}.txt")
            ?? throw new InvalidOperationException($"The stop words of {language} are missing from the library's resources: the build is broken.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is string line)
        {
            if (!string.IsNullOrWhiteSpace(line))
                words.Add(line);
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
