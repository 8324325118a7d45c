namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's TokenizeIntoCharactersAsKeys: a text as the vector of its characters' keys (see
/// <see cref="CharacterKeys"/>), its size varying by row. With markers, 0x02 starts and 0x03 ends the
/// text; the texts of a vector are one stream: one start, the texts joined by 0x1F, one end. An empty
/// text gives no keys (not even markers), as in ML.NET.
/// </summary>
public sealed class TokenizingByCharactersTransformer : RowToRowTransformerBase
{
    internal const string Kind = "TokenizeIntoCharactersAsKeys";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly bool _useMarkerCharacters;

    internal TokenizingByCharactersTransformer(IReadOnlyList<(string Output, string Input)> columns, bool useMarkerCharacters)
    {
        _columns = columns;
        _useMarkerCharacters = useMarkerCharacters;
    }

    internal static TokenizingByCharactersTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"), reader.Get<bool>("useMarkerCharacters"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("useMarkerCharacters", _useMarkerCharacters);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = TextColumns.Input(input, c.Input, $"TokenizeIntoCharactersAsKeys('{c.Output}')");
        var type = new VectorDataViewType(new KeyDataViewType(typeof(uint), CharacterKeys.Count));
        return new OutputColumn(c.Output, type, cursor => Getter(cursor, column), new DataViewSchema.Annotations(CharacterKeys.Values, null));
    }).ToList();

    private ValueGetter<uint[]> Getter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var readTexts = cursor.GetGetter<string[]>(column);
            string[] texts = [];
            return (ref uint[] keys) =>
            {
                readTexts(ref texts);
                keys = Keys(texts);
            };
        }
        var read = cursor.GetGetter<string>(column);
        string text = "";
        return (ref uint[] keys) =>
        {
            read(ref text);
            keys = string.IsNullOrEmpty(text) ? [] : Keys([text]);
        };
    }

    // The characters of the non-empty texts, 0x1F before each but the vector's first item, between the markers.
    private uint[] Keys(string[] texts)
    {
        var keys = new List<uint>();
        if (_useMarkerCharacters)
            keys.Add(CharacterKeys.TextStart);
        for (int i = 0; i < texts.Length; i++)
        {
            if (string.IsNullOrEmpty(texts[i]))
                continue;
            if (i > 0)
                keys.Add(CharacterKeys.UnitSeparator);
            foreach (char c in texts[i])
                keys.Add(c);
        }
        if (_useMarkerCharacters)
            keys.Add(CharacterKeys.TextEnd);
        return [.. keys];
    }
}
