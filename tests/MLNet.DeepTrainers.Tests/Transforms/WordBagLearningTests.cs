using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// The IMDB lesson on raw text: word bags into a Dense 16-16-1 network, cross-validated on the 1,000
/// labelled IMDB sentences (scikit-learn reaches 0.77 with TF-IDF and logistic regression and 0.79
/// with a 16-16 MLP on word counts, the yardstick).
/// </summary>
public class WordBagLearningTests
{
    public sealed class Sentence
    {
        [LoadColumn(0)] public string Text { get; set; } = "";
        [LoadColumn(1)] public bool Label { get; set; }
    }

    [Fact]
    public void Word_bags_and_a_16_16_network_reach_0_77_cross_validated_accuracy_on_IMDB_sentences()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<Sentence>(TestFiles.Data("text/imdb_sentences.tsv"), '\t');
        var pipeline = ml.Transforms.Text.NormalizeText("Clean", "Text", keepPunctuations: false)
            .Append(ml.Transforms.Text.ProduceWordBags("Features", "Clean", ngramLength: 1))
            .Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 16], Epochs = 10, BatchSize = 32 }));

        var folds = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5);

        Assert.InRange(folds.Average(f => f.Metrics.Accuracy), 0.77, 1.0);
    }

    public sealed class Message
    {
        [LoadColumn(0)] public string Kind { get; set; } = "";
        [LoadColumn(1)] public string Text { get; set; } = "";
    }

    [Fact]
    public void Word_bags_and_a_16_16_network_reach_0_97_cross_validated_accuracy_on_SMS_spam()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<Message>(TestFiles.Data("text/sms_spam.tsv"), '\t');
        var pipeline = ml.Transforms.CustomMapping<Message, Labelled>((message, labelled) => labelled.Label = message.Kind == "spam", contractName: null)
            .Append(ml.Transforms.Text.NormalizeText("Clean", "Text", keepPunctuations: false))
            .Append(ml.Transforms.Text.ProduceWordBags("Features", "Clean", ngramLength: 1))
            .Append(ml.BinaryClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 16], Epochs = 5, BatchSize = 32 }));

        var folds = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5);

        Assert.InRange(folds.Average(f => f.Metrics.Accuracy), 0.97, 1.0);
    }

    public sealed class Labelled
    {
        public bool Label { get; set; }
    }
}
