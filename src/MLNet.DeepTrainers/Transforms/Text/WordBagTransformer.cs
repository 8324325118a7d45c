namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's ProduceWordBags: splits text into words at spaces (as TokenizeIntoWords), and gives a
/// vector with one slot per n-gram learned at fit time, holding how often the row has it (Tf), the
/// n-gram's inverse document frequency where the row has it (Idf), or their product (TfIdf). Words
/// and n-grams not seen in training count nowhere.
/// </summary>
public sealed class WordBagTransformer : RowToRowTransformerBase
{
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
        var settings = new NgramSettings(reader.Get<int>("ngramLength"), reader.Get<int>("skipLength"), reader.Get<bool>("useAllLengths"),
            reader.Get<int>("maximumNgramsCount"), reader.Get<NgramExtractingEstimator.WeightingCriteria>("weighting"));
        try
        {
            settings = settings.Checked("ProduceWordBags");
            var idf = reader.GetOptional<double[]>("inverseDocumentFrequencies");
            if (settings.NeedsIdf != idf is not null)
                throw new InvalidDataException($"its weighting {settings.Weighting} does not match whether it has inverse document frequencies");
            var pool = NgramPool.FromSaved(settings, reader.Get<string[]>("words"), reader.Get<int[][]>("ngrams"), idf);
            return new WordBagTransformer(reader.Get<string>("output"), reader.Get<string>("input"), pool);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw reader.Corrupt(e.Message);
        }
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        var settings = _pool.Settings;
        writer.Set("output", _output);
        writer.Set("input", _input);
        writer.Set("ngramLength", settings.NgramLength);
        writer.Set("skipLength", settings.SkipLength);
        writer.Set("useAllLengths", settings.UseAllLengths);
        writer.Set("maximumNgramsCount", settings.MaximumNgramsCount);
        writer.Set("weighting", settings.Weighting);
        writer.Set("words", _pool.Words);
        writer.Set("ngrams", _pool.Ngrams);
        writer.Set("inverseDocumentFrequencies", _pool.InverseDocumentFrequencies);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = TextColumns.Input(input, _input, $"ProduceWordBags('{_output}')");
        var type = new VectorDataViewType(NumberDataViewType.Single, _pool.Count);
        return [new OutputColumn(_output, type, cursor =>
        {
            var read = RowWords(cursor, column);
            return (ValueGetter<float[]>)((ref float[] bag) => bag = _pool.Bag(read()));
        }, new DataViewSchema.Annotations(null, _pool.SlotNames()))];
    }

    /// <summary>Every row's words, as ProduceWordBags splits them.</summary>
    internal static IEnumerable<string[]> Rows(IDataView data, DataViewSchema.Column column)
    {
        using var cursor = data.GetRowCursor([column]);
        var read = RowWords(cursor, column);
        while (cursor.MoveNext())
            yield return read();
    }

    // The words of the cursor's current row: a text's, or those of a vector of texts in order.
    private static Func<string[]> RowWords(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var separators = WordTokenizingEstimator.DefaultSeparators;
        if (column.Type is VectorDataViewType)
        {
            var readTexts = cursor.GetGetter<string[]>(column);
            string[] texts = [];
            return () =>
            {
                readTexts(ref texts);
                return texts.SelectMany(text => WordTokenizingTransformer.Words(text, separators)).ToArray();
            };
        }
        var read = cursor.GetGetter<string>(column);
        string value = "";
        return () =>
        {
            read(ref value);
            return WordTokenizingTransformer.Words(value, separators).ToArray();
        };
    }
}
