using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Transforms.Text;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// The keys-as-sequence path end to end: words to keys, padded, into an Embedding network; learning on
/// the IMDB sentences, a model file that predicts the same after loading, and the errors of feeding
/// tokens the wrong way.
/// </summary>
public class SequenceTrainingTests
{
    public sealed class Sentence
    {
        [LoadColumn(0)] public string Text { get; set; } = "";
        [LoadColumn(1)] public bool Label { get; set; }
    }

    private const int Length = 32;

    private static IEstimator<ITransformer> Tokens(MLContext ml) =>
        ml.Transforms.Text.NormalizeText("Clean", "Text", keepPunctuations: false)
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Clean"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Keys", "Words"))
            .Append(ml.Transforms.Text.PadSequences("Features", Length, "Keys"));

    private static IDataView Imdb(MLContext ml) => ml.Data.LoadFromTextFile<Sentence>(TestFiles.Data("text/imdb_sentences.tsv"), '\t');

    // The vocabulary of the IMDB sentences after NormalizeText is under 3,000 words; an Embedding needs one row more than the keys.
    private static int Vocabulary(MLContext ml) =>
        (int)((KeyDataViewType)Tokens(ml).Fit(Imdb(ml)).GetOutputSchema(Imdb(ml).Schema)["Features"].Type.ItemType()!).Count + 1;

    [Theory]
    [InlineData("average")]
    [InlineData("lstm")]
    public void An_embedding_network_learns_the_IMDB_sentences(string kind)
    {
        var ml = new MLContext(seed: 1);
        int vocabulary = Vocabulary(ml);
        Layer[] layers = kind == "average"
            ? [new Embedding(vocabulary, 16, maskZero: true), new GlobalAveragePooling1D(), new Dense(16, ActivationKind.ReLU), new Dense(1)]
            : [new Embedding(vocabulary, 16, maskZero: true), new LSTM(16), new Dense(1)];
        var pipeline = Tokens(ml).Append(ml.BinaryClassification.Trainers.Sequential(new SequentialOptions { Layers = layers, Epochs = 15, BatchSize = 32, Optimizer = new Adam(0.005) }));
        var split = ml.Data.TrainTestSplit(Imdb(ml), testFraction: 0.2, seed: 1);

        var metrics = ml.BinaryClassification.Evaluate(pipeline.Fit(split.TrainSet).Transform(split.TestSet));

        // Far from the word bags' 0.77 on 1,000 sentences, but clearly learning (chance is 0.5).
        Assert.InRange(metrics.Accuracy, 0.65, 1.0);
    }

    [Fact]
    public void A_saved_embedding_and_LSTM_pipeline_predicts_the_same_after_loading()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = Tokens(ml).Append(ml.BinaryClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Embedding(Vocabulary(ml), 8, maskZero: true), new Bidirectional(new LSTM(4, dropout: 0.2f, recurrentDropout: 0.2f)), new Dense(1)],
            Epochs = 2,
        }));
        var data = Imdb(ml);
        var model = pipeline.Fit(data);

        var loaded = ml.Model.Load(new MemoryStream(ModelZip.Save(ml, model, data.Schema)), out _);

        Assert.Equal(model.Transform(data).GetColumn<float>("Probability").ToArray(), loaded.Transform(data).GetColumn<float>("Probability").ToArray());
    }

    [Fact]
    public void Keys_given_to_a_Dense_network_are_refused_with_the_fix()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = Tokens(ml).Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16], Epochs = 1 }));

        var error = Assert.Throws<ArgumentException>(() => pipeline.Fit(Imdb(ml)));

        Assert.Contains("'Features'", error.Message);
        Assert.Contains("Embedding", error.Message);
        Assert.Contains("ProduceWordBags", error.Message);
    }

    [Fact]
    public void An_embedding_smaller_than_the_vocabulary_names_the_input_dimension_it_needs()
    {
        var ml = new MLContext(seed: 1);
        int vocabulary = Vocabulary(ml);
        var pipeline = Tokens(ml).Append(ml.BinaryClassification.Trainers.Sequential([new Embedding(vocabulary - 1, 8), new GlobalAveragePooling1D(), new Dense(1)], epochs: 1));

        var error = Assert.Throws<ArgumentException>(() => pipeline.Fit(Imdb(ml)));

        Assert.Contains($"inputDim: {vocabulary}", error.Message);
    }

    public sealed class Indices
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    [Fact]
    public void Single_indices_that_are_not_whole_numbers_in_range_are_refused_with_their_row()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[]
        {
            new Indices { Features = [1, 2, 3], Label = 1 },
            new Indices { Features = [1, 2.5f, 3], Label = 0 },
        });
        var trainer = ml.Regression.Trainers.Sequential([new Embedding(5, 2), new GlobalAveragePooling1D(), new Dense(1)], epochs: 1);

        var fraction = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data));
        Assert.Contains("row 1", fraction.Message);
        Assert.Contains("2.5", fraction.Message);

        var beyond = ml.Data.LoadFromEnumerable(new[] { new Indices { Features = [1, 2, 5], Label = 1 } });
        Assert.Contains("0 to 4", Assert.Throws<InvalidOperationException>(() => trainer.Fit(beyond)).Message);
    }

    [Fact]
    public void Scoring_an_index_beyond_the_embedding_fails_naming_the_layer_and_row()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Regression.Trainers.Sequential([new Embedding(5, 2), new GlobalAveragePooling1D(), new Dense(1)], epochs: 1)
            .Fit(ml.Data.LoadFromEnumerable(new[] { new Indices { Features = [1, 2, 3], Label = 1 }, new Indices { Features = [0, 4, 3], Label = 0 } }));
        var bad = ml.Data.LoadFromEnumerable(new[] { new Indices { Features = [1, 2, 3] }, new Indices { Features = [1, 7, 3] } });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => model.Transform(bad).GetColumn<float>("Score").ToArray());

        Assert.Contains("Embedding", error.Message);
        Assert.Contains("7", error.Message);
    }
}
