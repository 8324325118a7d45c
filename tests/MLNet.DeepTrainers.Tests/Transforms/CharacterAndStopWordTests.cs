using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Tests.Models;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// TokenizeIntoCharactersAsKeys and RemoveStopWords beyond ML.NET's samples, each rule checked against
/// ML.NET's source (TokenizingByCharacters.cs, StopWordsRemovingTransformer.cs): the markers, a vector
/// of texts as one stream, the key values of unprintable characters, the model file, and the errors.
/// </summary>
public class CharacterAndStopWordTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Doc
    {
        public string Text { get; set; } = "";
        public string[] Parts { get; set; } = [];
        public bool Label { get; set; }
    }

    private uint[][] CharacterKeys(bool markers, string column, params Doc[] docs)
    {
        var data = _ml.Data.LoadFromEnumerable(docs);
        return _ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", column, markers).Fit(data).Transform(data).GetColumn<uint[]>("Keys").ToArray();
    }

    [Fact]
    public void A_character_is_its_own_key_between_the_markers_and_an_empty_text_has_no_keys()
    {
        var keys = CharacterKeys(true, "Text", new Doc { Text = "Ab é" }, new Doc { Text = "" });
        Assert.Equal([2u, 'A', 'b', ' ', 'é', 3], keys[0]);
        Assert.Empty(keys[1]);
        Assert.Equal(['A', 'b'], CharacterKeys(false, "Text", new Doc { Text = "Ab" })[0]);
    }

    [Fact]
    public void The_texts_of_a_vector_are_one_stream_joined_by_the_unit_separator()
    {
        var keys = CharacterKeys(true, "Parts", new Doc { Parts = ["ab", "", "c"] }, new Doc { Parts = ["", "d"] }, new Doc { Parts = ["", ""] });
        Assert.Equal([2u, 'a', 'b', 0x1f, 'c', 3], keys[0]);
        Assert.Equal([2u, 0x1f, 'd', 3], keys[1]); // the separator goes before every item after the first, as ML.NET's
        Assert.Equal([2u, 3], keys[2]);
    }

    [Fact]
    public void Key_values_name_unprintable_characters_as_MLNET_does_and_map_back()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a \t\u007f\u0085\u2028" } });
        var output = _ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(data).Transform(data);
        var type = (KeyDataViewType)output.Schema["Keys"].Type.ItemType()!;
        Assert.Equal(65535ul, type.Count);
        var values = (string[])output.Schema["Keys"].Annotations.KeyValues!;
        Assert.Equal(65535, values.Length);
        Assert.Equal("a", values['a' - 1]);
        Assert.Equal("\\u4X", values[0xD800 - 1]); // ML.NET's format string for surrogates prints this for every one

        var mapped = _ml.Transforms.Conversion.MapKeyToValue("Chars", "Keys").Fit(output).Transform(output).GetColumn<string[]>("Chars").Single();
        Assert.Equal(["<\u2402>", "a", "<\u2420>", "<\u2409>", "<\u2421>", "<NEL>", "<LSEP>", "<\u2403>"], mapped);
    }

    [Fact]
    public void Character_keys_feed_an_embedding_network_and_the_pipeline_saves_and_loads()
    {
        var docs = Enumerable.Range(0, 60).Select(i => new Doc { Text = i % 2 == 0 ? $"yes {i}" : $"no {i}!", Label = i % 2 == 0 }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(docs);
        var pipeline = _ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Text")
            .Append(_ml.Transforms.Text.PadSequences("Features", 8, "Chars"))
            .Append(_ml.BinaryClassification.Trainers.Sequential([new Embedding(65536, 4), new GlobalAveragePooling1D(), new Dense(1)], epochs: 3));
        var model = pipeline.Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);
        Assert.Equal(model.Transform(data).GetColumn<float>("Score"), loaded.Transform(data).GetColumn<float>("Score"));
    }

    [Fact]
    public void RemoveStopWords_ignores_case_and_spaces_around_the_given_words_and_saves_its_list()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "The cat AND the Hat and" } });
        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text").Append(_ml.Transforms.Text.RemoveStopWords("Kept", "Words", " THE ", "and", "")).Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);
        foreach (var transformer in new[] { model, loaded })
            Assert.Equal(["cat", "Hat"], transformer.Transform(data).GetColumn<string[]>("Kept").Single());
    }

    [Fact]
    public void RemoveStopWords_refuses_an_empty_list_a_single_text_and_a_damaged_list()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a b" } });
        Assert.Contains("no stop words", Assert.Throws<ArgumentException>(() => _ml.Transforms.Text.RemoveStopWords("Kept", "Text", " ", "")).Message);
        Assert.Contains("TokenizeIntoWords first", Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.Text.RemoveStopWords("Kept", "Text", "a").Fit(data).Transform(data)).Message);

        var model = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text").Append(_ml.Transforms.Text.RemoveStopWords("Kept", "Words", "a")).Fit(data);
        var file = ModelZip.Of(ModelZip.Save(_ml, model, data.Schema)).EditJson("stages/1/parameters.json", stage => stage["stopwords"] = new JsonArray()).ToBytes();
        Assert.Contains("stop-word list", ModelZip.LoadFails(file).Message);
    }
}
