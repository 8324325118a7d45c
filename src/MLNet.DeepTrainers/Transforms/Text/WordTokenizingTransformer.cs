namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's TokenizeIntoWords: splits text at any of the separators into a vector of words whose size
/// varies by row; each word loses its leading and trailing spaces and empty words are dropped. A
/// vector of texts gives the words of all of them, in order.
/// </summary>
public sealed class WordTokenizingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "TokenizeIntoWords";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly char[] _separators;

    internal WordTokenizingTransformer(IReadOnlyList<(string Output, string Input)> columns, char[] separators)
    {
        if (separators.Length == 0)
            throw new ArgumentException("TokenizeIntoWords needs at least one separator (leave it out for the space).", nameof(separators));
        _columns = columns;
        _separators = [.. separators];
    }

    internal static WordTokenizingTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"), reader.Get<string>("separators").ToCharArray());

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("separators", new string(_separators));
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = TextColumns.Input(input, c.Input, $"TokenizeIntoWords('{c.Output}')");
        return new OutputColumn(c.Output, new VectorDataViewType(TextDataViewType.Instance), cursor =>
        {
            var read = RowWords(cursor, column, _separators);
            return (ValueGetter<string[]>)((ref string[] words) => words = read());
        });
    }).ToList();

    /// <summary>A reader of the words of the cursor's current row: a text's, or those of a vector of texts in order.</summary>
    internal static Func<string[]> RowWords(DataViewRowCursor cursor, DataViewSchema.Column column, char[] separators)
    {
        if (column.Type is VectorDataViewType)
        {
            var readTexts = cursor.GetGetter<string[]>(column);
            string[] texts = [];
            return () =>
            {
                readTexts(ref texts);
                return texts.SelectMany(text => Words(text, separators)).ToArray();
            };
        }
        var read = cursor.GetGetter<string>(column);
        string value = "";
        return () =>
        {
            read(ref value);
            return Words(value, separators).ToArray();
        };
    }

    /// <summary>The words of a text: split at the separators, trimmed of spaces, empty ones dropped.</summary>
    private static IEnumerable<string> Words(string? text, char[] separators) =>
        (text ?? "").Split(separators).Select(word => word.Trim(' ')).Where(word => word.Length > 0);
}
