using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Transforms.Text;
using static MLNet.DeepTrainers.Transforms.Text.NgramExtractingEstimator;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// ProduceWordBags against scikit-learn's CountVectorizer and TfidfTransformer (fixture from
/// eng/golden/word_bags.py on 150 IMDB sentences), skip-grams and ML.NET's n-gram order by hand, the
/// model file and the errors.
/// </summary>
public class WordBagTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Doc
    {
        public string Text { get; set; } = "";
        public float Number { get; set; }
    }

    private static readonly Lazy<JsonNode> Fixture = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "word_bags.json")))!);

    private IDataView Docs(IEnumerable<string> texts) => _ml.Data.LoadFromEnumerable(texts.Select(t => new Doc { Text = t }).ToList());

    // Each row's non-zero values by n-gram, the n-gram's words joined with spaces as scikit-learn names it.
    private static List<Dictionary<string, double>> Ours(IDataView output)
    {
        var names = output.Schema["Bag"].Annotations.SlotNames!.Select(n => n.Replace('|', ' ')).ToArray();
        return output.GetColumn<float[]>("Bag").Select(bag => bag.Select((v, i) => (v, i)).Where(p => p.v != 0).ToDictionary(p => names[p.i], p => (double)p.v)).ToList();
    }

    private static List<Dictionary<string, double>> Theirs(string name)
    {
        var fixture = Fixture.Value["cases"]![name]!;
        var ngrams = fixture["ngrams"]!.AsArray().Select(n => (string)n!).ToArray();
        return fixture["rows"]!.AsArray().Select(row => row!.AsArray().ToDictionary(cell => ngrams[(int)cell![0]!], cell => (double)cell![1]!)).ToList();
    }

    private IDataView FixtureDocs() => Docs(Fixture.Value["documents"]!.AsArray().Select(d => (string)d!));

    [Theory]
    [InlineData("tf_1_2", 2, true)]
    [InlineData("tf_3_only", 3, false)]
    public void Counts_are_scikit_learns_CountVectorizer_counts(string name, int ngramLength, bool useAllLengths)
    {
        var data = FixtureDocs();
        var output = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength, useAllLengths: useAllLengths).Fit(data).Transform(data);

        var ours = Ours(output);
        var theirs = Theirs(name);
        Assert.Equal(theirs.SelectMany(r => r.Keys).Distinct().Count(), ((VectorDataViewType)output.Schema["Bag"].Type).Size);
        Assert.Equal(theirs.Count, ours.Count);
        for (int row = 0; row < theirs.Count; row++)
            Assert.Equal(theirs[row].OrderBy(p => p.Key, StringComparer.Ordinal), ours[row].OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void TfIdf_is_scikit_learns_without_its_plus_one_and_Idf_is_the_same_where_the_row_has_the_ngram()
    {
        var data = FixtureDocs();
        var tfIdf = Ours(_ml.Transforms.Text.ProduceWordBags("Bag", "Text", weighting: WeightingCriteria.TfIdf).Fit(data).Transform(data));
        var idf = Ours(_ml.Transforms.Text.ProduceWordBags("Bag", "Text", weighting: WeightingCriteria.Idf).Fit(data).Transform(data));
        var counts = Theirs("tf_1_2");
        var theirs = Theirs("tfidf_1_2");

        for (int row = 0; row < theirs.Count; row++)
        {
            // scikit-learn (smooth_idf=False): count · (ln(n / df) + 1); ML.NET: count · ln(n / df). An n-gram
            // in every row has idf 0 here, so it drops out of the non-zero values.
            foreach (var (ngram, value) in theirs[row])
            {
                double expected = value - counts[row][ngram];
                Assert.Equal(expected, tfIdf[row].GetValueOrDefault(ngram), 1e-5);
                Assert.Equal(expected / counts[row][ngram], idf[row].GetValueOrDefault(ngram), 1e-5);
            }
        }
    }

    [Fact]
    public void Ngrams_take_ML_NETs_order_and_skip_grams_skip_up_to_the_skip_length_in_all()
    {
        var data = Docs(["a b c d", "b c"]);
        var pairs = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 2).Fit(data).Transform(data);
        var skips = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 3, skipLength: 1, useAllLengths: false).Fit(data).Transform(data);

        // From each word in turn, the n-grams starting there, shortest first.
        Assert.Equal(["a", "a|b", "b", "b|c", "c", "c|d", "d"], pairs.Schema["Bag"].Annotations.SlotNames!);
        Assert.Equal([[1, 1, 1, 1, 1, 1, 1], [0, 0, 1, 1, 1, 0, 0]], pairs.GetColumn<float[]>("Bag"));
        // Three words out of a span of at most four, by hand: from a, skip 0 then 0 or 1 (a b c, a b d),
        // skip 1 then 1 (a c d); from b, b c d.
        Assert.Equal(["a|b|c", "a|b|d", "a|c|d", "b|c|d"], skips.Schema["Bag"].Annotations.SlotNames!);
    }

    [Fact]
    public void Unseen_words_count_nowhere_and_the_vocabulary_keeps_its_limit()
    {
        var data = Docs(["x y x", "y z"]);
        var model = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 1, maximumNgramsCount: 2).Fit(data);

        Assert.Equal(["x", "y"], model.Transform(data).Schema["Bag"].Annotations.SlotNames!);
        Assert.Equal([[0f, 1f]], model.Transform(Docs(["z y unseen"])).GetColumn<float[]>("Bag"));
    }

    [Fact]
    public void Limits_per_length_follow_ML_NETs_list_and_the_first_limits_the_vocabulary()
    {
        var data = Docs(["a b c d e"]);
        // FeaturizeText's word extractor options are where ML.NET takes a list.
        WordBagTransformer Fit(int ngramLength, params int[] limits) => new WordBagEstimator("Bag", "Text",
            new WordBagEstimator.Options { NgramLength = ngramLength, MaximumNgramsCount = limits }.Settings("test")).Fit(data);

        // Two words numbered (c, d, e are "*"), two single words, one pair.
        Assert.Equal(["a", "a|b", "b"], Fit(2, 2, 1).Transform(data).Schema["Bag"].Annotations.SlotNames!);
        // No pairs, two triples; the last limit goes on for longer n-grams.
        Assert.Equal(["a", "a|b|c", "b", "b|c|d", "c", "d", "e"], Fit(3, 5, 0, 2).Transform(data).Schema["Bag"].Annotations.SlotNames!);
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit(2, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit(2, 1, -1, 2));
    }

    [Fact]
    public void A_saved_bag_loads_and_gives_the_same_values()
    {
        var data = FixtureDocs();
        var model = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", weighting: WeightingCriteria.TfIdf).Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);

        Assert.Equal(model.Transform(data).GetColumn<float[]>("Bag"), loaded.Transform(data).GetColumn<float[]>("Bag"));
        Assert.Equal(model.Transform(data).Schema["Bag"].Annotations.SlotNames!, loaded.Transform(data).Schema["Bag"].Annotations.SlotNames!);
    }

    [Theory]
    [InlineData("ngrams", "[[1],[1]]", "twice")]
    [InlineData("ngrams", "[[99]]", "outside")]
    [InlineData("ngrams", "[null]", "n-gram 0 is missing")]
    [InlineData("words", "[\"a\",\"a\"]", "twice")]
    [InlineData("words", "[\"a\",null]", "word 1")]
    [InlineData("inverseDocumentFrequencies", "null", "inverse document frequencies")]
    [InlineData("ngramLength", "0", "ngramLength")]
    [InlineData("maximumNgramsCounts", "[1,2,3]", "maximumNgramsCount")]
    [InlineData("maximumNgramsCounts", "[]", "maximumNgramsCount")]
    public void A_damaged_bag_is_an_InvalidDataException_naming_what_is_wrong(string key, string json, string named)
    {
        var data = Docs(["a b", "b c"]);
        var model = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", weighting: WeightingCriteria.Idf).Fit(data);
        var file = ModelZip.Of(ModelZip.Save(_ml, model, data.Schema)).EditJson("stages/0/parameters.json", stage => stage[key] = JsonNode.Parse(json)).ToBytes();

        Assert.Contains(named, ModelZip.LoadFails(file).Message);
    }

    [Fact]
    public void Bad_input_is_an_error_naming_the_column_and_the_fix()
    {
        var data = Docs(["", "  "]);
        Assert.Contains("have no words", Assert.Throws<InvalidOperationException>(() => _ml.Transforms.Text.ProduceWordBags("Bag", "Text").Fit(data)).Message);
        var numbers = _ml.Data.LoadFromEnumerable(new[] { new Doc { Number = 1 } });
        Assert.Contains("column 'Number' is Single", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceWordBags("Bag", "Number").Fit(numbers)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceWordBags("Bag", "Text", ngramLength: 8, skipLength: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceWordBags("Bag", "Text", maximumNgramsCount: 0));
    }

    [Fact]
    public void ProduceNgrams_over_word_keys_equals_the_word_bag_and_survives_the_model_file()
    {
        var data = FixtureDocs();
        var bags = _ml.Transforms.Text.ProduceWordBags("Bag", "Text", weighting: WeightingCriteria.TfIdf).Fit(data).Transform(data);
        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text").Append(_ml.Transforms.Conversion.MapValueToKey("Keys", "Words"))
            .Append(_ml.Transforms.Text.ProduceNgrams("Bag", "Keys", weighting: WeightingCriteria.TfIdf)).Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);

        foreach (var transformer in new ITransformer[] { model, loaded })
        {
            var ngrams = transformer.Transform(data);
            Assert.Equal(bags.Schema["Bag"].Annotations.SlotNames!, ngrams.Schema["Bag"].Annotations.SlotNames!);
            Assert.Equal(bags.GetColumn<float[]>("Bag"), ngrams.GetColumn<float[]>("Bag"));
        }
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceNgrams("Bag", "Text").Fit(data));
        Assert.Contains("MapValueToKey", error.Message);
    }

    [Theory]
    [InlineData("slotNames", "[\"a\"]", "slot names")]
    [InlineData("slotNames", "null", "slotNames")]
    [InlineData("keyCount", "-1", "negative")]
    [InlineData("keyCount", "1", "outside 0..1")]
    public void A_damaged_ngram_pool_over_keys_is_an_InvalidDataException_naming_what_is_wrong(string key, string json, string named)
    {
        var data = Docs(["a b", "b c"]);
        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text").Append(_ml.Transforms.Conversion.MapValueToKey("Keys", "Words"))
            .Append(_ml.Transforms.Text.ProduceNgrams("Bag", "Keys")).Fit(data);
        var file = ModelZip.Of(ModelZip.Save(_ml, model, data.Schema)).EditJson("stages/2/parameters.json", stage => stage[key] = JsonNode.Parse(json)).ToBytes();

        Assert.Contains(named, ModelZip.LoadFails(file).Message);
    }
}
