namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// The seeds' text lessons on 1,000 labelled IMDB sentences, from raw text through ML.NET's own text
/// transforms: a bag of words into Dense 16-16-1 (and how it overfits when trained on), then token keys
/// into an Embedding with global average pooling, a 1-D convnet and an LSTM, beside ML.NET's FastTree and
/// SdcaLogisticRegression on the same bag; 5-fold cross-validated accuracy, a table and a plot; and the bag
/// of words on the 5,574 SMS messages (spam or not).
/// </summary>
public static class TextSample
{
    public sealed class Sentence
    {
        [LoadColumn(0)] public string Text = "";
        [LoadColumn(1)] public bool Label;
    }

    public sealed class Message
    {
        [LoadColumn(0)] public string Kind = "";
        [LoadColumn(1)] public string Text = "";
    }

    // Keras's num_words and maxlen: the vocabulary is capped, so every fold's keys fit one Embedding table.
    private const int Vocabulary = 3_000, Length = 40;

    /// <summary>
    /// "Text" lower-cased and stripped of diacritics and punctuation into "Clean". ML.NET's ONNX converter cannot write
    /// this (it exports NormalizeText only when it keeps all three), so a pipeline to export passes its own cleaning,
    /// for example one that only lower-cases.
    /// </summary>
    public static IEstimator<ITransformer> Clean(MLContext ml) => ml.Transforms.Text.NormalizeText("Clean", "Text", keepPunctuations: false);

    /// <summary>Text cleaned (<paramref name="clean"/>, or <see cref="Clean"/>), then a bag of words (word counts) in "Features": the IMDB lesson's vectorisation.</summary>
    public static IEstimator<ITransformer> Bag(MLContext ml, IEstimator<ITransformer>? clean = null) => (clean ?? Clean(ml))
        .Append(ml.Transforms.Text.ProduceWordBags("Features", "Clean", ngramLength: 1));

    /// <summary>The same text as word keys in "Features" (at most <see cref="Vocabulary"/> words; an unknown one is key 0, as padding is): what an Embedding reads.</summary>
    public static IEstimator<ITransformer> WordKeys(MLContext ml, IEstimator<ITransformer>? clean = null) => (clean ?? Clean(ml))
        .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Clean"))
        .Append(ml.Transforms.Conversion.MapValueToKey("Features", "Words", maximumNumberOfKeys: Vocabulary));

    /// <summary>The pipelines the sample compares, from raw text to a trained model; <paramref name="clean"/> makes "Clean" from "Text" (null: <see cref="Clean"/>).</summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> Pipelines(MLContext ml, int epochs, IEstimator<ITransformer>? clean = null)
    {
        IEstimator<ITransformer> OnKeys(params Layer[] layers) => WordKeys(ml, clean).Append(ml.BinaryClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = layers, Epochs = epochs, BatchSize = 32, Optimizer = new Adam(0.005), MaxSequenceLength = Length,
        }));
        return
        [
            ("Bag of words, Dense 16-16-1", Bag(ml, clean).Append(ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [16, 16], epochs: Math.Min(epochs, 10)))),
            ("Embedding, global average", OnKeys(new Embedding(Vocabulary + 1, 16, maskZero: true), new GlobalAveragePooling1D(), new Dense(16, ActivationKind.ReLU), new Dense(1))),
            ("Embedding, Conv1D", OnKeys(new Embedding(Vocabulary + 1, 32), new Conv1D(32, 5, activation: ActivationKind.ReLU), new GlobalMaxPooling1D(), new Dense(1))),
            ("Embedding, LSTM", OnKeys(new Embedding(Vocabulary + 1, 32, maskZero: true), new LSTM(32), new Dense(1))),
            ("Bag of words, FastTree", Bag(ml, clean).Append(ml.BinaryClassification.Trainers.FastTree())),
            ("Bag of words, SDCA logistic", Bag(ml, clean).Append(ml.Transforms.NormalizeLpNorm("Features")).Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression())),
        ];
    }

    public static CrossValidationComparison Run(SampleOptions options)
    {
        var output = options.Output;
        var ml = new MLContext(seed: 1);
        IDataView sentences = ml.Data.LoadFromTextFile<Sentence>(options.DataFile("text/imdb_sentences.tsv"), '\t');
        if (options.Quick)
            sentences = ml.Data.TakeRows(ml.Data.ShuffleRows(sentences, seed: 1), 300);
        int epochs = options.Quick ? 2 : 15;

        output.WriteLine($"IMDB sentences: {(options.Quick ? "300 of " : "")}1,000 labelled sentences, positive or negative; ML.NET's 5-fold cross-validation, the same folds for every pipeline");
        var comparison = new CrossValidationComparison("accuracy");
        foreach (var (name, pipeline) in Pipelines(ml, epochs))
            comparison.Add(name, ml.BinaryClassification.CrossValidateNonCalibrated(sentences, pipeline, numberOfFolds: 5, seed: 3).Select(f => f.Metrics.Accuracy));
        output.Write(comparison);
        comparison.SaveSvg(options.OutputFile("text-cv.svg"), "IMDB sentences: accuracy by model (5-fold CV)");
        comparison.SaveCsv(options.OutputFile("text-cv.csv"));

        // The IMDB lesson's overfitting: trained on, the bag-of-words network fits its training rows ever
        // better while its loss on rows it never saw turns and climbs.
        var overfit = Bag(ml).Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 16], Epochs = options.Quick ? 3 : 30, ValidationFraction = 0.2 }))
            .Fit(sentences);
        var history = overfit.LastTransformer.Model.History;
        var best = history.Epochs.MinBy(e => e.ValidationLoss)!;
        output.WriteLine($"Dense 16-16-1 on the bag of words, the last 20% held out: validation loss lowest after epoch {best.Epoch} ({best.ValidationLoss:F3}); " +
            $"after epoch {history.Epochs[^1].Epoch} the training loss is {history.Epochs[^1].Loss:F3} and the validation loss {history.Epochs[^1].ValidationLoss:F3}");
        history.SaveSvg(options.OutputFile("text-overfitting.svg"), "IMDB sentences: Dense 16-16-1 on a bag of words, loss by epoch");

        IDataView messages = ml.Data.LoadFromTextFile<Message>(options.DataFile("text/sms_spam.tsv"), '\t');
        if (options.Quick)
            messages = ml.Data.TakeRows(messages, 1_000);
        var spam = ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { ["ham"] = false, ["spam"] = true }, "Kind")
            .Append(Bag(ml))
            .Append(ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [16, 16], epochs: options.Quick ? 1 : 5));
        var spamFolds = ml.BinaryClassification.CrossValidate(messages, spam, numberOfFolds: 5, seed: 3);
        output.WriteLine($"SMS spam ({(options.Quick ? "1,000" : "5,574")} messages), bag of words into Dense 16-16-1: 5-fold cross-validated accuracy " +
            $"{spamFolds.Average(f => f.Metrics.Accuracy):F3}, F1 {spamFolds.Average(f => f.Metrics.F1Score):F3}");
        return comparison;
    }
}
