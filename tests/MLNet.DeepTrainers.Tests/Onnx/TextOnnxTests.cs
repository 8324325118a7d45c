using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Transforms.Text;
using static MLNet.DeepTrainers.Transforms.Text.NgramExtractingEstimator;

namespace MLNet.DeepTrainers.Tests.Onnx;

/// <summary>
/// Text transforms exported to ONNX and scored by onnxruntime, as ML.NET exports them: NormalizeText as
/// StringNormalizer (case only), a word bag as onnxruntime's Tokenizer and ONNX's TfIdfVectorizer, a
/// bag of keys as TfIdfVectorizer; a bag of words into a network, whole.
/// </summary>
public class TextOnnxTests
{
    private readonly MLContext _ml = new(seed: 4);

    public sealed class Review
    {
        [LoadColumn(0)] public string Text { get; set; } = "";
        [LoadColumn(1)] public bool Label { get; set; }
    }

    // The first IMDB sentences, and rows the vocabulary has not seen: empty, only spaces, unknown words, repeats.
    private IDataView Reviews(int count) => _ml.Data.LoadFromEnumerable(
        _ml.Data.CreateEnumerable<Review>(_ml.Data.LoadFromTextFile<Review>(TestFiles.Data("text/imdb_sentences.tsv"), '\t'), reuseRowObject: false).Take(count)
            .Concat([new Review { Text = "" }, new Review { Text = "   " }, new Review { Text = "Zyzzyva  QUUX the the THE movie" }]).ToList());

    [Theory]
    [InlineData(1, 0, true, WeightingCriteria.Tf)]
    [InlineData(2, 0, true, WeightingCriteria.TfIdf)]
    [InlineData(3, 0, false, WeightingCriteria.Idf)]
    [InlineData(2, 1, true, WeightingCriteria.Tf)]
    public void Word_bags_give_onnxruntime_the_same_counts(int ngramLength, int skipLength, bool useAllLengths, WeightingCriteria weighting)
    {
        var data = Reviews(60);
        var model = _ml.Transforms.Text.NormalizeText("Clean", "Text", keepDiacritics: true)
            .Append(_ml.Transforms.Text.ProduceWordBags("Bag", "Clean", ngramLength, skipLength, useAllLengths, weighting: weighting))
            .Fit(data);

        OnnxRuntimeCheck.Compare(_ml, model, data, 1e-5f, "Clean", "Bag");
    }

    [Fact]
    public void A_vocabulary_limit_counts_other_words_as_star_in_onnxruntime_too()
    {
        // Three words fit the vocabulary, so "d" is "*" and the pool holds "c|*".
        var model = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 2, maximumNgramsCount: 3).Fit(_ml.Data.LoadFromEnumerable([new Review { Text = "a b c d" }]));
        var data = _ml.Data.LoadFromEnumerable(new[] { "x c y", "c d c", "a b", "d c" }.Select(text => new Review { Text = text }).ToList());
        int star = model.Transform(data).Schema["Bag"].Annotations.SlotNames!.ToList().IndexOf("c|*");
        Assert.Equal([1f, 1f, 0f, 0f], model.Transform(data).GetColumn<float[]>("Bag").Select(bag => bag[star]));

        OnnxRuntimeCheck.Compare(_ml, model, data, 0, "Bag");
    }

    [Fact]
    public void Ngrams_over_padded_word_keys_give_onnxruntime_the_same_counts()
    {
        var data = Reviews(40);
        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(_ml.Transforms.Conversion.MapValueToKey("Keys", "Words", maximumNumberOfKeys: 50))
            .Append(_ml.Transforms.Text.PadSequences("Padded", 12, "Keys"))
            .Append(_ml.Transforms.Text.ProduceNgrams("Ngrams", "Padded", ngramLength: 2, weighting: WeightingCriteria.TfIdf))
            .Fit(data);
        var padded = model.Take(3).Aggregate(data, (view, stage) => stage.Transform(view));
        var ngrams = ((IEnumerable<ITransformer>)model).Last();

        OnnxRuntimeCheck.Compare(_ml, ngrams, padded, 1e-5f, "Ngrams");
    }

    [Fact]
    public void A_bag_of_words_network_exports_from_the_raw_text()
    {
        var data = Reviews(120);
        var model = _ml.Transforms.Text.NormalizeText("Clean", "Text", keepDiacritics: true)
            .Append(_ml.Transforms.Text.ProduceWordBags("Features", "Clean", weighting: WeightingCriteria.TfIdf))
            .Append(_ml.Transforms.NormalizeLpNorm("Features"))
            .Append(_ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [8], Epochs = 2 }))
            .Fit(data);

        OnnxRuntimeCheck.Compare(_ml, model, data, 1e-5f, "Score", "Probability", "PredictedLabel");
    }

    [Fact]
    public void What_ONNX_cannot_do_is_refused_naming_the_option()
    {
        var data = Reviews(10);
        var stream = new MemoryStream();
        var removing = _ml.Transforms.Text.NormalizeText("Clean", "Text").Fit(data);
        Assert.Contains("keepDiacritics", Assert.Throws<NotSupportedException>(() => _ml.Model.ConvertToOnnx(removing, data, stream)).Message);
        var skipping = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 3, skipLength: 1).Fit(data);
        Assert.Contains("skipLength", Assert.Throws<NotSupportedException>(() => _ml.Model.ConvertToOnnx(skipping, data, stream)).Message);
        Assert.Equal(0, stream.Length);
    }
}
