namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>The one writer and strict reader of a learned n-gram pool in a model file (ProduceWordBags and ProduceNgrams).</summary>
internal static class NgramPoolStage
{
    // A bag of words saves its vocabulary, ProduceNgrams the names of its input's keys.
    private static string WordsName(bool textVocabulary) => textVocabulary ? "words" : "keyValues";

    /// <summary>Saves the columns, the settings, the pool's words (a text vocabulary, or key names), n-grams and inverse document frequencies.</summary>
    public static void Save(StageWriter writer, string output, string input, NgramPool pool, bool textVocabulary)
    {
        string wordsName = WordsName(textVocabulary);
        var settings = pool.Settings;
        writer.Set("output", output);
        writer.Set("input", input);
        writer.Set("ngramLength", settings.NgramLength);
        writer.Set("skipLength", settings.SkipLength);
        writer.Set("useAllLengths", settings.UseAllLengths);
        writer.Set("maximumNgramsCount", settings.MaximumNgramsCount);
        writer.Set("weighting", settings.Weighting);
        writer.Set(wordsName, pool.Words);
        writer.Set("ngrams", pool.Ngrams);
        writer.Set("inverseDocumentFrequencies", pool.InverseDocumentFrequencies);
    }

    /// <summary>Reads what <see cref="Save"/> wrote; anything inconsistent is the reader's corrupt-file error.</summary>
    public static (string Output, string Input, NgramPool Pool) Load(StageReader reader, string user, bool textVocabulary)
    {
        var settings = new NgramSettings(reader.Get<int>("ngramLength"), reader.Get<int>("skipLength"), reader.Get<bool>("useAllLengths"),
            reader.Get<int>("maximumNgramsCount"), reader.Get<NgramExtractingEstimator.WeightingCriteria>("weighting"));
        try
        {
            settings = settings.Checked(user);
            var idf = reader.GetOptional<double[]>("inverseDocumentFrequencies");
            if (settings.NeedsIdf != idf is not null)
                throw new InvalidDataException($"its weighting {settings.Weighting} does not match whether it has inverse document frequencies");
            var pool = NgramPool.FromSaved(settings, reader.Get<string[]>(WordsName(textVocabulary)), textVocabulary, reader.Get<int[][]>("ngrams"), idf);
            return (reader.Get<string>("output"), reader.Get<string>("input"), pool);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw reader.Corrupt(e.Message);
        }
    }
}
