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

    /// <summary>
    /// The column of <paramref name="inputName"/>'s words (a vector of text) without those whose lower
    /// case (invariant culture) is in <paramref name="stopWords"/>, nor empty ones; the rest keep their order and case.
    /// </summary>
    public static OutputColumn Removed(DataViewSchema input, string outputName, string inputName, FrozenSet<string> stopWords, string user)
    {
        var column = TextColumns.Input(input, inputName, user);
        if (column.Type is not VectorDataViewType)
            throw new ArgumentOutOfRangeException(nameof(input), $"{user}: column '{inputName}' is one text per row; it needs a vector of words (TokenizeIntoWords first).");
        return new OutputColumn(outputName, new VectorDataViewType(TextDataViewType.Instance), cursor =>
        {
            var read = cursor.GetGetter<string[]>(column);
            string[] words = [];
            return (ValueGetter<string[]>)((ref string[] kept) =>
            {
                read(ref words);
                kept = words.Where(word => !string.IsNullOrEmpty(word) && !stopWords.Contains(word.ToLowerInvariant())).ToArray();
            });
        });
    }

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
