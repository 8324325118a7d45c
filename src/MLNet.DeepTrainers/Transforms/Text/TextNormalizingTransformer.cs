using System.Text;
using static MLNet.DeepTrainers.Transforms.Text.TextNormalizingEstimator;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's NormalizeText: changes case (invariant culture), and removes punctuation
/// (<see cref="char.IsPunctuation(char)"/>), numbers (<see cref="char.IsNumber(char)"/>) and
/// diacritics (combining marks dropped, accented Latin, Greek and Cyrillic letters to their base
/// letter) where asked. A text gives a text; a vector of texts a vector without the texts that
/// became empty, so its size varies.
/// </summary>
public sealed class TextNormalizingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>
    /// ONNX's StringNormalizer changes case only, so, as ML.NET, a normalizer exports only when it keeps
    /// diacritics, punctuation and numbers; a text column only (a vector's size varies).
    /// </summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (outputName, inputName) in _columns)
        {
            string user = $"NormalizeText('{outputName}')";
            var removes = new[] { (!_keepDiacritics, "keepDiacritics"), (!_keepPunctuations, "keepPunctuations"), (!_keepNumbers, "keepNumbers") }.Where(r => r.Item1).Select(r => r.Item2).ToArray();
            if (removes.Length > 0)
                throw new NotSupportedException($"{user} removes what ONNX's StringNormalizer cannot ({string.Join(", ", removes)} false); only a case change exports. Set {string.Join(" and ", removes)} to true to export, or normalize the text before it reaches the exported pipeline.");
            // StringNormalizer takes one row of strings: [N, 1] in, squeezed to [N] and back.
            string rows = graph.TextRows(inputName, user);
            // Locale C: onnxruntime opens it as C.UTF-8, which every glibc since 2.35 has (its default
            // en_US needs a language pack installed where the model runs).
            string changed = graph.Node("StringNormalizer", [rows], OnnxAttribute.Text("locale", "C"), OnnxAttribute.Text("case_change_action", _caseMode switch
            {
                CaseMode.Lower => "LOWER",
                CaseMode.Upper => "UPPER",
                _ => "NONE",
            }));
            graph.SetColumn(outputName, graph.Unsqueeze(changed, 1), output[outputName].Type);
        }
    }

    internal const string Kind = "NormalizeText";
    private readonly IReadOnlyList<(string Output, string Input)> _columns;
    private readonly CaseMode _caseMode;
    private readonly bool _keepDiacritics;
    private readonly bool _keepPunctuations;
    private readonly bool _keepNumbers;

    internal TextNormalizingTransformer(IReadOnlyList<(string Output, string Input)> columns, CaseMode caseMode, bool keepDiacritics, bool keepPunctuations, bool keepNumbers)
    {
        if (!Enum.IsDefined(caseMode))
            throw new ArgumentOutOfRangeException(nameof(caseMode), caseMode, "Use CaseMode.Lower, Upper or None.");
        _columns = columns;
        _caseMode = caseMode;
        _keepDiacritics = keepDiacritics;
        _keepPunctuations = keepPunctuations;
        _keepNumbers = keepNumbers;
    }

    internal static TextNormalizingTransformer Load(StageReader reader) => new(reader.GetColumnPairs("columns"), reader.Get<CaseMode>("caseMode"),
        reader.Get<bool>("keepDiacritics"), reader.Get<bool>("keepPunctuations"), reader.Get<bool>("keepNumbers"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.SetColumnPairs("columns", _columns);
        writer.Set("caseMode", _caseMode);
        writer.Set("keepDiacritics", _keepDiacritics);
        writer.Set("keepPunctuations", _keepPunctuations);
        writer.Set("keepNumbers", _keepNumbers);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input) => _columns.Select(c =>
    {
        var column = TextColumns.Input(input, c.Input, $"NormalizeText('{c.Output}')");
        if (column.Type is VectorDataViewType)
        {
            return new OutputColumn(c.Output, new VectorDataViewType(TextDataViewType.Instance), cursor =>
            {
                var read = cursor.GetGetter<string[]>(column);
                string[] texts = [];
                var buffer = new StringBuilder();
                return (ValueGetter<string[]>)((ref string[] value) =>
                {
                    read(ref texts);
                    value = texts.Select(text => Normalize(text, buffer)).Where(text => text.Length > 0).ToArray();
                });
            });
        }
        return new OutputColumn(c.Output, TextDataViewType.Instance, cursor =>
        {
            var read = cursor.GetGetter<string>(column);
            string text = "";
            var buffer = new StringBuilder();
            return (ValueGetter<string>)((ref string value) =>
            {
                read(ref text);
                value = Normalize(text, buffer);
            });
        });
    }).ToList();

    private string Normalize(string? text, StringBuilder buffer)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        buffer.Clear();
        foreach (char original in text)
        {
            if (!_keepPunctuations && char.IsPunctuation(original) || !_keepNumbers && char.IsNumber(original))
                continue;
            char ch = original;
            if (!_keepDiacritics)
            {
                if (Diacritics.IsCombiningMark(ch))
                    continue;
                ch = Diacritics.BaseLetter(ch);
            }
            buffer.Append(_caseMode switch
            {
                CaseMode.Lower => char.ToLowerInvariant(ch),
                CaseMode.Upper => char.ToUpperInvariant(ch),
                _ => ch,
            });
        }
        return buffer.Length == text.Length && buffer.Equals(text.AsSpan()) ? text : buffer.ToString();
    }
}
