using static MLNet.DeepTrainers.Transforms.Text.StopWordsRemovingEstimator;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's RemoveDefaultStopWords: drops from a vector of words those on the language's stop-word
/// list, comparing each word in lower case (invariant culture), and empty words; the rest keep their
/// order and case.
/// </summary>
public sealed class StopWordsRemovingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "RemoveDefaultStopWords";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly Language _language;

    internal StopWordsRemovingTransformer(IReadOnlyList<(string Output, string Input)> columns, Language language)
    {
        if (!Enum.IsDefined(language))
            throw new ArgumentOutOfRangeException(nameof(language), language, "Use one of StopWordsRemovingEstimator.Language's languages.");
        _columns = columns;
        _language = language;
    }

    internal static StopWordsRemovingTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"), reader.Get<Language>("language"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("language", _language);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) =>
        _columns.Select(c => StopWords.Removed(input, c.Output, c.Input, StopWords.Of(_language), $"RemoveDefaultStopWords('{c.Output}')")).ToList();
}
