using MLNet.DeepTrainers.Transforms.Text;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>ML.NET's text documentation samples, done as each sample does them, asserting the lines it prints.</summary>
public class TextSamples
{
    private class TextData
    {
        public string Text { get; set; } = "";
    }

    private sealed class NormalizedTextData : TextData
    {
        public string NormalizedText { get; set; } = "";
    }

    private sealed class WordsData : TextData
    {
        public string[] Words { get; set; } = [];
    }

    [Fact]
    public void NormalizeText()
    {
        var ml = new MLContext();
        var emptyDataView = ml.Data.LoadFromEnumerable(new List<TextData>());
        var normTextPipeline = ml.Transforms.Text.NormalizeText("NormalizedText", "Text", TextNormalizingEstimator.CaseMode.Lower,
            keepDiacritics: false, keepPunctuations: false, keepNumbers: false);
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, NormalizedTextData>(normTextPipeline.Fit(emptyDataView));

        var prediction = predictionEngine.Predict(new TextData
        {
            Text = "ML.NET's NormalizeText API changes the case of the TEXT and removes/keeps diâcrîtîcs, punctuations, and/or numbers (123).",
        });

        // Removing "(123)." leaves the space before it, as ML.NET's code does (it only removes
        // characters); the sample's comment cannot show a trailing space.
        Assert.Equal("Normalized Text: mlnets normalizetext api changes the case of the text and removeskeeps diacritics punctuations andor numbers ",
            $"Normalized Text: {prediction.NormalizedText}");
    }

    [Fact]
    public void TokenizeIntoWords()
    {
        var ml = new MLContext();
        var emptyDataView = ml.Data.LoadFromEnumerable(new List<TextData>());
        var textPipeline = ml.Transforms.Text.TokenizeIntoWords("Words", "Text", separators: [' ']);
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, WordsData>(textPipeline.Fit(emptyDataView));

        var prediction = predictionEngine.Predict(new TextData
        {
            Text = "ML.NET's TokenizeIntoWords API splits text/string into words using the list of characters provided as separators.",
        });

        Assert.Equal("Number of words: 15", $"Number of words: {prediction.Words.Length}");
        Assert.Equal("Words: ML.NET's,TokenizeIntoWords,API,splits,text/string,into,words,using,the,list,of,characters,provided,as,separators.",
            $"Words: {string.Join(",", prediction.Words)}");
    }
}
