using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Transforms.Text;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// NormalizeText and TokenizeIntoWords beyond ML.NET's samples: each option, Unicode's decompositions
/// (written here by hand from the Unicode charts) for diacritics, vectors of texts, the model file,
/// and the errors.
/// </summary>
public class TextTransformTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Doc
    {
        public string Text { get; set; } = "";
        public string[] Parts { get; set; } = [];
        public float Number { get; set; }
    }

    private IDataView Docs(params Doc[] docs) => _ml.Data.LoadFromEnumerable(docs);

    private string[] Normalized(string text, TextNormalizingEstimator.CaseMode caseMode = TextNormalizingEstimator.CaseMode.Lower,
        bool keepDiacritics = false, bool keepPunctuations = true, bool keepNumbers = true)
    {
        var data = Docs(new Doc { Text = text });
        return _ml.Transforms.Text.NormalizeText("Out", "Text", caseMode, keepDiacritics, keepPunctuations, keepNumbers).Fit(data).Transform(data).GetColumn<string>("Out").ToArray();
    }

    [Fact]
    public void NormalizeText_defaults_lower_case_and_remove_diacritics_only()
    {
        Assert.Equal(["elan vital, 2024!"], Normalized("Élan Vital, 2024!"));
        Assert.Equal(["Élan Vital, 2024!"], Normalized("Élan Vital, 2024!", TextNormalizingEstimator.CaseMode.None, keepDiacritics: true));
        Assert.Equal(["ELAN VITAL 2024"], Normalized("Élan Vital, 2024!", TextNormalizingEstimator.CaseMode.Upper, keepPunctuations: false));
        Assert.Equal(["élan vital, !"], Normalized("Élan Vital, 2024!", keepDiacritics: true, keepNumbers: false));
    }

    [Fact]
    public void Diacritics_go_from_Latin_Greek_and_Cyrillic_letters_and_combining_marks_are_dropped()
    {
        // Ǖ = Ü + macron, ΐ = ι + dialytika + tonos, Й = И + breve (Unicode's canonical decompositions);
        // "e\u0301" is e followed by a combining acute accent; Ω (U+03A9) has none and stays.
        Assert.Equal(["uιиeω ѣ"], Normalized("ǕΐЙe\u0301Ω Ѣ"));
        Assert.Equal(["ẠẠ"], Normalized("Ạạ", TextNormalizingEstimator.CaseMode.Upper)); // outside ML.NET's table: kept
    }

    [Fact]
    public void A_vector_of_texts_is_normalized_item_by_item_and_loses_the_items_that_became_empty()
    {
        var data = Docs(new Doc { Parts = ["Ab", "!!", "", "Ç."] });
        var output = _ml.Transforms.Text.NormalizeText("Out", "Parts", keepPunctuations: false).Fit(data).Transform(data);

        Assert.Equal("Vector<String>", output.Schema["Out"].Type.ToString());
        Assert.Equal(["ab", "c"], output.GetColumn<string[]>("Out").Single());
    }

    [Fact]
    public void TokenizeIntoWords_splits_at_any_separator_trims_spaces_and_drops_empty_words()
    {
        var data = Docs(new Doc { Text = "  one,two;; three ,four ", Parts = ["a b", "", " c"] });
        var output = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text", [',', ';'])
            .Append(_ml.Transforms.Text.TokenizeIntoWords("PartWords", "Parts")).Fit(data).Transform(data);

        Assert.Equal("Vector<String>", output.Schema["Words"].Type.ToString());
        Assert.Equal(["one", "two", "three", "four"], output.GetColumn<string[]>("Words").Single());
        Assert.Equal(["a", "b", "c"], output.GetColumn<string[]>("PartWords").Single());
        Assert.Empty(_ml.Transforms.Text.TokenizeIntoWords("Words", "Text").Fit(data).Transform(Docs(new Doc { Text = "   " })).GetColumn<string[]>("Words").Single());
    }

    [Fact]
    public void A_saved_text_pipeline_loads_and_gives_the_same_words()
    {
        var data = Docs(new Doc { Text = "Ça VA; très bien, 3 fois!" }, new Doc { Text = "" });
        var model = _ml.Transforms.Text.NormalizeText("Clean", "Text", keepPunctuations: false, keepNumbers: false)
            .Append(_ml.Transforms.Text.TokenizeIntoWords("Words", "Clean", [' ', ';'])).Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);

        foreach (var transformer in new[] { model, loaded })
        {
            var words = transformer.Transform(data).GetColumn<string[]>("Words").ToArray();
            Assert.Equal(["ca", "va", "tres", "bien", "fois"], words[0]);
            Assert.Empty(words[1]);
        }
    }

    [Theory]
    [InlineData("caseMode", "7", "caseMode")]
    [InlineData("separators", "\"\"", "separator")]
    public void A_damaged_text_stage_is_an_InvalidDataException_naming_it(string key, string json, string named)
    {
        var data = Docs(new Doc { Text = "a b" });
        IEstimator<ITransformer> pipeline = key == "caseMode" ? _ml.Transforms.Text.NormalizeText("Out", "Text") : _ml.Transforms.Text.TokenizeIntoWords("Out", "Text");
        var file = ModelZip.Of(ModelZip.Save(_ml, pipeline.Fit(data), data.Schema)).EditJson("stages/0/parameters.json", stage => stage[key] = JsonNode.Parse(json)).ToBytes();

        Assert.Contains(named, ModelZip.LoadFails(file).Message);
    }

    [Fact]
    public void A_column_that_is_not_text_is_an_error_naming_it_and_the_fix()
    {
        var data = Docs(new Doc { Number = 1 });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.TokenizeIntoWords("Words", "Number").Fit(data));
        Assert.Contains("TokenizeIntoWords('Words'): column 'Number' is Single", error.Message);
        Assert.Contains("ConvertType", error.Message);
        Assert.Throws<ArgumentException>(() => _ml.Transforms.Text.TokenizeIntoWords("Words", "Text", []));
        Assert.Contains("'Missing'", Assert.ThrowsAny<Exception>(() => _ml.Transforms.Text.NormalizeText("Out", "Missing").Fit(data)).Message);
    }

    [Theory]
    [InlineData(StopWordsRemovingEstimator.Language.English, "The cat AND the Hat", "cat Hat")]
    [InlineData(StopWordsRemovingEstimator.Language.French, "Les chats et la souris", "chats souris")]
    [InlineData(StopWordsRemovingEstimator.Language.German, "Die Katze und der Hut", "Katze Hut")]
    public void RemoveDefaultStopWords_drops_the_languages_stop_words_whatever_their_case(StopWordsRemovingEstimator.Language language, string text, string kept)
    {
        var data = Docs(new Doc { Text = text });
        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text").Append(_ml.Transforms.Text.RemoveDefaultStopWords("Kept", "Words", language)).Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);

        foreach (var transformer in new ITransformer[] { model, loaded })
            Assert.Equal(kept, string.Join(" ", transformer.Transform(data).GetColumn<string[]>("Kept").Single()));
    }

    [Fact]
    public void Every_language_has_its_stop_word_list()
    {
        foreach (var language in Enum.GetValues<StopWordsRemovingEstimator.Language>())
            Assert.True(StopWords.Of(language).Count > 40, $"{language} has {StopWords.Of(language).Count} stop words");
    }

    [Fact]
    public void Stop_words_need_a_vector_of_words_and_a_known_language()
    {
        var data = Docs(new Doc { Text = "the cat" });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.RemoveDefaultStopWords("Kept", "Text").Fit(data));
        Assert.Contains("TokenizeIntoWords first", error.Message);
        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text").Append(_ml.Transforms.Text.RemoveDefaultStopWords("Kept", "Words")).Fit(data);
        var file = ModelZip.Of(ModelZip.Save(_ml, model, data.Schema)).EditJson("stages/1/parameters.json", stage => stage["language"] = JsonNode.Parse("99")).ToBytes();
        Assert.Contains("99", ModelZip.LoadFails(file).Message);
    }

    [Fact]
    public void Word_keys_save_load_and_map_back_with_unseen_words_at_key_0()
    {
        var data = Docs(new Doc { Text = "the cat sat" }, new Doc { Text = "the dog" });
        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(_ml.Transforms.Conversion.MapValueToKey("Keys", "Words", maximumNumberOfKeys: 3))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("Back", "Keys")).Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);
        var unseen = Docs(new Doc { Text = "the bird sat" });

        foreach (var transformer in new ITransformer[] { model, loaded })
        {
            var output = transformer.Transform(unseen);
            Assert.Equal("Vector<Key<UInt32, 0-2>>", output.Schema["Keys"].Type.ToString());
            Assert.Equal([1u, 0u, 3u], output.GetColumn<uint[]>("Keys").Single());
            Assert.Equal(["the", "", "sat"], output.GetColumn<string[]>("Back").Single());
        }
    }
}
