using System.Collections.Frozen;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's RemoveStopWords: drops the user's stop words from a vector of words as
/// RemoveDefaultStopWords drops a language's. Each stop word is trimmed of spaces and compared in
/// lower case; empty ones are ignored, and a list with none left is an error.
/// </summary>
public sealed class CustomStopWordsRemovingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "RemoveStopWords";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly FrozenSet<string> _stopWords;

    internal CustomStopWordsRemovingTransformer(IReadOnlyList<(string Output, string Input)> columns, string[] stopwords)
    {
        ArgumentNullException.ThrowIfNull(stopwords);
        _columns = columns;
        _stopWords = stopwords.Select(w => (w ?? "").Trim(' ').ToLowerInvariant()).Where(w => w.Length > 0).ToFrozenSet(StringComparer.Ordinal);
        if (_stopWords.Count == 0)
            throw new ArgumentException($"RemoveStopWords('{columns[0].Output}') was given no stop words (only empty ones); list the words to remove.", nameof(stopwords));
    }

    internal static CustomStopWordsRemovingTransformer Load(StageReader reader)
    {
        var words = reader.Get<string[]>("stopwords");
        if (words is null || words.Length == 0 || words.Any(string.IsNullOrEmpty))
            throw reader.Corrupt("its stop-word list is missing, empty or holds an empty word");
        return new(reader.GetColumnPairs("columns"), words);
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("stopwords", _stopWords.Order(StringComparer.Ordinal).ToArray());
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) =>
        _columns.Select(c => StopWords.Removed(input, c.Output, c.Input, _stopWords, $"RemoveStopWords('{c.Output}')")).ToList();
}
