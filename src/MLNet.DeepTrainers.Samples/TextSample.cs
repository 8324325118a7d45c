using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Reports;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// The text lessons on 1,000 labelled IMDB sentences: a bag of words into Dense 16-16-1 (and how it
/// overfits when trained on), then token sequences into an embedding with global pooling, a 1-D
/// convnet and an LSTM, against FastTree on the same bag of words; 5-fold cross-validated accuracy,
/// a table and a plot; and the bag of words on the SMS spam messages.
/// </summary>
public static class TextSample
{
    public sealed class Sentence
    {
        [LoadColumn(0)] public string Text { get; set; } = "";
        [LoadColumn(1)] public bool Label { get; set; }
    }

    public sealed class Message
    {
        [LoadColumn(0)] public string Kind { get; set; } = "";
        [LoadColumn(1)] public string Text { get; set; } = "";
    }

    public sealed class Spam
    {
        public bool Label { get; set; }
    }

    // Keras's num_words: the vocabulary is capped, so every fold's keys fit one Embedding size.
    private const int Vocabulary = 3_000, Length = 40;

    /// <summary>Text to a bag of words (unigram counts) in "Features": the IMDB lesson's vectorisation.</summary>
    public static IEstimator<ITransformer> Bag(MLContext ml) => ml.Transforms.Text.NormalizeText("Clean", "Text", keepPunctuations: false)
        .Append(ml.Transforms.Text.ProduceWordBags("Features", "Clean", ngramLength: 1));

    /// <summary>
    /// Text to token keys padded to <paramref name="length"/> in "Features": the keys-as-sequence path
    /// (<paramref name="vocabulary"/> caps the words kept, as Keras's num_words; null keeps every word).
    /// </summary>
    public static IEstimator<ITransformer> TokenKeys(MLContext ml, int? vocabulary, int length)
    {
        var keys = vocabulary is int most
            ? ml.Transforms.Conversion.MapValueToKey("Keys", "Words", maximumNumberOfKeys: most)
            : ml.Transforms.Conversion.MapValueToKey("Keys", "Words");
        return ml.Transforms.Text.NormalizeText("Clean", "Text", keepPunctuations: false)
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Clean"))
            .Append(keys)
            .Append(ml.Transforms.Text.PadSequences("Features", length, "Keys"));
    }

    /// <summary>An SMS message's kind as a Boolean "Label": true for spam.</summary>
    public static IEstimator<ITransformer> SpamLabel(MLContext ml) =>
        ml.Transforms.CustomMapping<Message, Spam>((message, label) => label.Label = message.Kind == "spam", contractName: null);

    /// <summary>The pipelines the sample compares, from raw text to a trained model.</summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> Pipelines(MLContext ml, int epochs)
    {
        var bag = Bag(ml);
        var sequence = TokenKeys(ml, Vocabulary, Length);
        IEstimator<ITransformer> Network(params Layer[] layers) =>
            sequence.Append(ml.BinaryClassification.Trainers.Sequential(new SequentialOptions { Layers = layers, Epochs = epochs, BatchSize = 32, Optimizer = new Adam(0.005) }));
        return
        [
            ("Bag of words, Dense 16-16-1", bag.Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 16], Epochs = Math.Min(epochs, 10), BatchSize = 32 }))),
            ("Embedding, global average", Network(new Embedding(Vocabulary + 1, 16, maskZero: true), new GlobalAveragePooling1D(), new Dense(16, ActivationKind.ReLU), new Dense(1))),
            ("Embedding, Conv1D", Network(new Embedding(Vocabulary + 1, 32), new Conv1D(32, 5, activation: ActivationKind.ReLU), new GlobalMaxPooling1D(), new Dense(1))),
            ("Embedding, LSTM", Network(new Embedding(Vocabulary + 1, 32, maskZero: true), new LSTM(32), new Dense(1))),
            ("Bag of words, FastTree", bag.Append(ml.BinaryClassification.Trainers.FastTree())),
        ];
    }

    public static CrossValidationComparison Run(SampleOptions options)
    {
        var output = options.Output;
        var ml = new MLContext(seed: 1);
        var sentences = ml.Data.LoadFromTextFile<Sentence>(options.DataFile("text/imdb_sentences.tsv"), '\t');
        int epochs = options.Quick ? 2 : 15;

        var comparison = new CrossValidationComparison("accuracy");
        foreach (var (name, pipeline) in Pipelines(ml, epochs))
            comparison.Add(name, ml.BinaryClassification.CrossValidate(sentences, pipeline, numberOfFolds: 5, seed: 3).Select(f => f.Metrics.Accuracy));
        output.WriteLine("IMDB sentences: 1,000 labelled sentences, positive or negative; 5-fold cross-validated accuracy");
        output.Write(comparison);
        comparison.SaveSvg(options.OutputFile("text-cv.svg"), "IMDB sentences: accuracy by model (5-fold CV)");
        comparison.SaveCsv(options.OutputFile("text-cv.csv"));

        // The IMDB lesson's overfitting: trained on, the bag-of-words network fits its training rows ever
        // better while its loss on rows it never saw turns and climbs.
        var overfit = Bag(ml).Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 16], Epochs = options.Quick ? 3 : 30, BatchSize = 32, ValidationFraction = 0.2 }))
            .Fit(sentences);
        var history = overfit.LastTransformer.Model.History;
        var best = history.Epochs.MinBy(e => e.ValidationLoss)!;
        output.WriteLine($"Dense 16-16-1 on the bag of words, 20% held out: validation loss is lowest after epoch {best.Epoch} ({best.ValidationLoss:F3}); " +
            $"after epoch {history.Epochs[^1].Epoch} training loss is {history.Epochs[^1].TrainLoss:F3} and validation loss {history.Epochs[^1].ValidationLoss:F3}");
        history.SaveSvg(options.OutputFile("text-overfitting.svg"), "IMDB sentences: Dense 16-16-1 on a bag of words, loss by epoch");

        var messages = ml.Data.LoadFromTextFile<Message>(options.DataFile("text/sms_spam.tsv"), '\t');
        var spam = SpamLabel(ml)
            .Append(Bag(ml))
            .Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 16], Epochs = options.Quick ? 1 : 5, BatchSize = 32 }));
        var spamFolds = ml.BinaryClassification.CrossValidate(options.Quick ? ml.Data.TakeRows(messages, 1_000) : messages, spam, numberOfFolds: 5, seed: 3);
        output.WriteLine($"SMS spam ({(options.Quick ? "1,000" : "5,574")} messages), bag of words and Dense 16-16-1: 5-fold cross-validated accuracy {spamFolds.Average(f => f.Metrics.Accuracy):F3}, F1 {spamFolds.Average(f => f.Metrics.F1Score):F3}");
        return comparison;
    }
}
