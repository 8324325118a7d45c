namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's ProduceWordBags: splits text into words at spaces (as TokenizeIntoWords), and gives a
/// vector with one slot per n-gram learned at fit time, holding how often the row has it (Tf), the
/// n-gram's inverse document frequency where the row has it (Idf), or their product (TfIdf). Words
/// and n-grams not seen in training count nowhere.
/// </summary>
public sealed class WordBagTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>
    /// Splits at spaces with onnxruntime's Tokenizer (rows padded with a space, which no word holds),
    /// numbers the words by the vocabulary (others 0, the padding -1) and counts as <see cref="NgramPool.ExportOnnx"/>.
    /// </summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        string user = $"ProduceWordBags('{_output}')";
        string rows = graph.TextRows(_input, user);
        const string Padding = " ";
        var words = _pool.Words!;
        string tokens = graph.MicrosoftNode("Tokenizer", [rows], global::Onnx.TensorProto.Types.DataType.String, 2, OnnxAttribute.Int("mark", 0), OnnxAttribute.Int("mincharnum", 1),
            OnnxAttribute.Text("pad_value", Padding), OnnxAttribute.Texts("separators", WordTokenizingEstimator.DefaultSeparators.Select(c => c.ToString())));
        string numbers = graph.MLNode("LabelEncoder", [tokens], OnnxAttribute.Texts("keys_strings", [.. words, Padding]),
            OnnxAttribute.Ints("values_int64s", [.. Enumerable.Range(1, words.Length).Select(n => (long)n), -1L]), OnnxAttribute.Int("default_int64", 0));
        graph.SetColumn(_output, _pool.ExportOnnx(graph, numbers, user), output[_output].Type);
    }

    internal const string Kind = "ProduceWordBags";
    private readonly string _output;
    private readonly string _input;
    private readonly NgramPool _pool;

    internal WordBagTransformer(string output, string input, NgramPool pool)
    {
        _output = output;
        _input = input;
        _pool = pool;
    }

    internal static WordBagTransformer Load(StageReader reader)
    {
        var (output, input, pool) = NgramPoolStage.Load(reader, "ProduceWordBags", textVocabulary: true);
        return new WordBagTransformer(output, input, pool);
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) => NgramPoolStage.Save(writer, _output, _input, _pool);

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = TextColumns.Input(input, _input, $"ProduceWordBags('{_output}')");
        var type = new VectorDataViewType(NumberDataViewType.Single, _pool.Count);
        return [OutputColumn.Sparse<float>(_output, type, cursor =>
        {
            var read = WordTokenizingTransformer.RowWords(cursor, column, WordTokenizingEstimator.DefaultSeparators);
            return (ref VBuffer<float> bag) => bag = _pool.Bag(read());
        }, new DataViewSchema.Annotations(null, _pool.SlotNames))];
    }

    /// <summary>Every row's words, as ProduceWordBags splits them.</summary>
    internal static IEnumerable<string[]> Rows(IDataView data, DataViewSchema.Column column)
    {
        using var cursor = data.GetRowCursor([column]);
        var read = WordTokenizingTransformer.RowWords(cursor, column, WordTokenizingEstimator.DefaultSeparators);
        while (cursor.MoveNext())
            yield return read();
    }
}
