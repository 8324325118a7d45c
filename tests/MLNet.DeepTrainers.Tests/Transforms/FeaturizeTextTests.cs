using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Transforms.Text;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// FeaturizeText beyond ML.NET's two samples (TextSamples): its word and character bags against
/// scikit-learn's on 40 IMDB sentences (fixture from eng/golden/featurize_text.py), several input
/// columns, stop words, the model file, learning, and the errors.
/// </summary>
public class FeaturizeTextTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Doc
    {
        public string Text { get; set; } = "";
        public string Title { get; set; } = "";
        public bool Label { get; set; }
    }

    private static JsonNode Fixture() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "featurize_text.json")))!;

    // A character key's name back to the character: ML.NET names those up to the space by their control pictures, "<␠>".
    private static string Character(string name) => name.Length == 3 && name[0] == '<' && name[2] == '>' && name[1] >= '\u2400' && name[1] <= '\u2420'
        ? ((char)(name[1] - '\u2400')).ToString() : name;

    [Fact]
    public void The_word_and_character_bags_are_scikit_learns_counts_scaled_to_unit_length()
    {
        var fixture = Fixture();
        var texts = fixture["texts"]!.AsArray().Select(t => (string)t!).ToArray();
        var data = _ml.Data.LoadFromEnumerable(texts.Select(t => new Doc { Text = t }));
        var output = _ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(data).Transform(data);
        var slots = output.Schema["Features"].Annotations.SlotNames!;
        var rows = output.GetColumn<float[]>("Features").ToArray();

        int checkedValues = 0;
        for (int r = 0; r < texts.Length; r++)
        {
            var found = new Dictionary<string, double>();
            for (int s = 0; s < slots.Count; s++)
            {
                if (rows[r][s] == 0)
                    continue;
                string name = slots[s];
                found[name.StartsWith("Char.", StringComparison.Ordinal) ? "c:" + string.Concat(name[5..].Split('|').Select(Character)) : "w:" + name[5..]] = rows[r][s];
            }
            var expected = fixture["chars"]![r]!.AsObject().Select(p => ("c:" + p.Key, (double)p.Value!))
                .Concat(fixture["words"]![r]!.AsObject().Select(p => ("w:" + p.Key, (double)p.Value!))).ToDictionary();
            Assert.Equal(expected.Keys.Order(), found.Keys.Order());
            foreach (var (ngram, value) in expected)
                Assert.Equal(value, found[ngram], 1e-6); // float against double
            checkedValues += expected.Count;
        }
        Assert.True(checkedValues > 2000);
    }

    [Fact]
    public void Several_columns_and_custom_stop_words_featurize_and_the_pipeline_saves_and_loads()
    {
        var data = _ml.Data.LoadFromEnumerable(new[]
        {
            new Doc { Title = "Great film", Text = "The acting was great" },
            new Doc { Title = "Dull", Text = "The plot was dull and slow" },
        });
        var options = new TextFeaturizingEstimator.Options
        {
            StopWordsRemoverOptions = new CustomStopWordsRemovingEstimator.Options { StopWords = ["the", "was", "and"] },
            OutputTokensColumnName = "Tokens",
            Norm = TextFeaturizingEstimator.NormFunction.L1,
        };
        var model = _ml.Transforms.Text.FeaturizeText("Features", options, "Title", "Text").Fit(data);
        var output = model.Transform(data);

        Assert.Equal(["great", "film", "acting", "great"], output.GetColumn<string[]>("Tokens").First());
        var first = output.GetColumn<float[]>("Features").First();
        var names = output.Schema["Features"].Annotations.SlotNames!;
        // New Options count 1- and 2-grams: 4 words and 3 pairs, "great" twice, so 2/7 after L1 scaling.
        Assert.Equal(2f / 7, first[names.ToList().IndexOf("Word.great")], 6);
        Assert.Equal(1f, first.Where((_, i) => names[i].StartsWith("Word.", StringComparison.Ordinal)).Sum(), 5);
        Assert.DoesNotContain(output.Schema, c => c.Name.StartsWith("Features_", StringComparison.Ordinal));

        var file = ModelZip.Save(_ml, model, data.Schema);
        var loaded = _ml.Model.Load(new MemoryStream(file), out _);
        Assert.Equal(output.GetColumn<float[]>("Features").SelectMany(v => v), loaded.Transform(data).GetColumn<float[]>("Features").SelectMany(v => v));
        Assert.Equal(names, loaded.Transform(data).Schema["Features"].Annotations.SlotNames!);
        // The character n-grams keep their slots' names, not the 65,535 character keys' (a 254 KB file once).
        Assert.InRange(file.Length, 0, 20_000);
    }

    [Fact]
    public void FeaturizeText_and_a_network_learn_the_IMDB_sentences()
    {
        var data = _ml.Data.LoadFromTextFile<Sentence>(TestFiles.Data("text/imdb_sentences.tsv"), '\t');
        var split = _ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
        var pipeline = _ml.Transforms.Text.FeaturizeText("Features", "Text")
            .Append(_ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [16], epochs: 10, batchSize: 32));
        var metrics = _ml.BinaryClassification.Evaluate(pipeline.Fit(split.TrainSet).Transform(split.TestSet));
        Assert.InRange(metrics.Accuracy, 0.7, 1.0);
    }

    public sealed class Sentence
    {
        [LoadColumn(0)] public string Text { get; set; } = "";
        [LoadColumn(1)] public bool Label { get; set; }
    }

    [Fact]
    public void A_column_that_is_not_text_and_options_that_count_nothing_are_refused()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a b" } });
        var notText = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.FeaturizeText("Features", "Label").Fit(data));
        Assert.Contains("'Label'", notText.Message);
        Assert.Contains("text", notText.Message);

        var nothing = Assert.Throws<ArgumentException>(() => _ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options { WordFeatureExtractor = null, CharFeatureExtractor = null }, "Text"));
        Assert.Contains("nothing to count", nothing.Message);

        var perLength = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.FeaturizeText("Features",
            new TextFeaturizingEstimator.Options { WordFeatureExtractor = new WordBagEstimator.Options { MaximumNgramsCount = [10, 20, 30] } }, "Text"));
        Assert.Contains("maximumNgramsCount", perLength.Message);
        Assert.Contains("[10, 20, 30]", perLength.Message);
    }
}
