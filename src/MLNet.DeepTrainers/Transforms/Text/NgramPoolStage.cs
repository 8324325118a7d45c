namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>The one writer and strict reader of a learned n-gram pool in a model file (ProduceWordBags and ProduceNgrams).</summary>
internal static class NgramPoolStage
{
    /// <summary>
    /// Saves the columns, the settings, the pool's words (a bag of words' vocabulary; for a pool over
    /// keys, the key count and the slot names), n-grams and inverse document frequencies.
    /// </summary>
    public static void Save(StageWriter writer, string output, string input, NgramPool pool)
    {
        var settings = pool.Settings;
        writer.Set("output", output);
        writer.Set("input", input);
        writer.Set("ngramLength", settings.NgramLength);
        writer.Set("skipLength", settings.SkipLength);
        writer.Set("useAllLengths", settings.UseAllLengths);
        writer.Set("maximumNgramsCounts", settings.MaximumNgramsCounts);
        writer.Set("weighting", settings.Weighting);
        if (pool.Words is not null)
        {
            writer.Set("words", pool.Words);
        }
        else
        {
            writer.Set("keyCount", pool.VocabularySize);
            writer.Set("slotNames", pool.SlotNames);
        }
        writer.Set("ngrams", pool.Ngrams);
        writer.Set("inverseDocumentFrequencies", pool.InverseDocumentFrequencies);
    }

    /// <summary>Reads what <see cref="Save"/> wrote; anything inconsistent is the reader's corrupt-file error.</summary>
    public static (string Output, string Input, NgramPool Pool) Load(StageReader reader, string user, bool textVocabulary)
    {
        var settings = new NgramSettings(reader.Get<int>("ngramLength"), reader.Get<int>("skipLength"), reader.Get<bool>("useAllLengths"),
            reader.Get<int[]>("maximumNgramsCounts"), reader.Get<NgramExtractingEstimator.WeightingCriteria>("weighting"));
        try
        {
            settings = settings.Checked(user);
            var idf = reader.GetOptional<double[]>("inverseDocumentFrequencies");
            if (settings.NeedsIdf != idf is not null)
                throw new InvalidDataException($"its weighting {settings.Weighting} does not match whether it has inverse document frequencies");
            var pool = textVocabulary
                ? NgramPool.FromSavedWords(settings, reader.Get<string[]>("words"), reader.Get<int[][]>("ngrams"), idf)
                : NgramPool.FromSavedKeys(settings, reader.Get<int>("keyCount"), reader.Get<int[][]>("ngrams"), idf, reader.Get<string[]>("slotNames"));
            return (reader.Get<string>("output"), reader.Get<string>("input"), pool);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw reader.Corrupt(e.Message);
        }
    }
}
