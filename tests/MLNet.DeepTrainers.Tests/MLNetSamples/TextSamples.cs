using System.Globalization;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;
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

    private sealed class CharTokensData : TextData
    {
        public string[] CharTokens { get; set; } = [];
    }

    private sealed class StopWordsData : TextData
    {
        public string[] WordsWithoutStopWords { get; set; } = [];
    }

    [Fact]
    public void TokenizeIntoCharactersAsKeys()
    {
        var ml = new MLContext();
        var emptyDataView = ml.Data.LoadFromEnumerable(new List<TextData>());
        var textPipeline = ml.Transforms.Text.TokenizeIntoCharactersAsKeys("CharTokens", "Text", useMarkerCharacters: false)
            .Append(ml.Transforms.Conversion.MapKeyToValue("CharTokens"));
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, CharTokensData>(textPipeline.Fit(emptyDataView));

        var prediction = predictionEngine.Predict(new TextData { Text = "ML.NET's TokenizeIntoCharactersAsKeys API splits text/string into characters." });

        Assert.Equal("Number of tokens: 77", $"Number of tokens: {prediction.CharTokens.Length}");
        // The sample's "<?>" is the space's control picture, U+2420, which its comment could not show.
        Assert.Equal("Character Tokens: M,L,.,N,E,T,',s,<?>,T,o,k,e,n,i,z,e,I,n,t,o,C,h,a,r,a,c,t,e,r,s,A,s,K,e,y,s,<?>,A,P,I,<?>," +
            "s,p,l,i,t,s,<?>,t,e,x,t,/,s,t,r,i,n,g,<?>,i,n,t,o,<?>,c,h,a,r,a,c,t,e,r,s,.",
            "Character Tokens: " + string.Join(",", prediction.CharTokens).Replace("<\u2420>", "<?>"));
    }

    [Fact]
    public void RemoveStopWords()
    {
        var ml = new MLContext();
        var emptyDataView = ml.Data.LoadFromEnumerable(new List<TextData>());
        var textPipeline = ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(ml.Transforms.Text.RemoveStopWords("WordsWithoutStopWords", "Words", stopwords: ["a", "the", "from", "by"]));
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, StopWordsData>(textPipeline.Fit(emptyDataView));

        var prediction = predictionEngine.Predict(new TextData
        {
            Text = "ML.NET's RemoveStopWords API removes stop words from tHe text/string using a list of stop words provided by the user.",
        });

        Assert.Equal("Number of words: 14", "Number of words: " + prediction.WordsWithoutStopWords.Length);
        Assert.Equal("Words without stop words: ML.NET's,RemoveStopWords,API,removes,stop,words,text/string,using,list,of,stop,words,provided,user.",
            "Words without stop words: " + string.Join(",", prediction.WordsWithoutStopWords));
    }

    private sealed class FeaturesData : TextData
    {
        public float[] Features { get; set; } = [];
        public string[] OutputTokens { get; set; } = [];
    }

    private static List<TextData> FeaturizeTextSamples() =>
    [
        new() { Text = "ML.NET's FeaturizeText API uses a composition of several basic transforms to convert text into numeric features." },
        new() { Text = "This API can be used as a featurizer to perform text classification." },
        new() { Text = "There are a number of approaches to text classification." },
        new() { Text = "One of the simplest and most common approaches is called “Bag of Words”." },
        new() { Text = "Text classification can be used for a wide variety of tasks" },
        new() { Text = "such as sentiment analysis, topic detection, intent identification etc." },
    ];

    private static string FirstTen(float[] features) => string.Join("  ", features.Take(10).Select(f => f.ToString("F4", CultureInfo.InvariantCulture)));

    [Fact]
    public void FeaturizeText()
    {
        var ml = new MLContext();
        var samples = FeaturizeTextSamples();
        var textPipeline = ml.Transforms.Text.FeaturizeText("Features", "Text");
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, FeaturesData>(textPipeline.Fit(ml.Data.LoadFromEnumerable(samples)));

        var prediction = predictionEngine.Predict(samples[0]);

        Assert.Equal("Number of Features: 332", $"Number of Features: {prediction.Features.Length}");
        Assert.Equal("0.0857  0.0857  0.0857  0.0857  0.0857  0.0857  0.0857  0.0857  0.0857  0.1715", FirstTen(prediction.Features));
    }

    [Fact]
    public void FeaturizeTextWithOptions()
    {
        var ml = new MLContext();
        var samples = FeaturizeTextSamples();
        var options = new TextFeaturizingEstimator.Options
        {
            OutputTokensColumnName = "OutputTokens",
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            StopWordsRemoverOptions = new StopWordsRemovingEstimator.Options { Language = TextFeaturizingEstimator.Language.English },
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
        };
        var textPipeline = ml.Transforms.Text.FeaturizeText("Features", options, "Text");
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, FeaturesData>(textPipeline.Fit(ml.Data.LoadFromEnumerable(samples)));

        var prediction = predictionEngine.Predict(samples[0]);

        Assert.Equal("Number of Features: 282", $"Number of Features: {prediction.Features.Length}");
        Assert.Equal("0.0941  0.0941  0.0941  0.0941  0.0941  0.0941  0.0941  0.0941  0.0941  0.1881", FirstTen(prediction.Features));
        Assert.Equal("Tokens: ml.net's,featurizetext,api,uses,composition,basic,transforms,convert,text,numeric,features.", "Tokens: " + string.Join(",", prediction.OutputTokens));
    }

    private sealed class HashedBagData : TextData
    {
        public float[] BagOfWordFeatures { get; set; } = [];
    }

    [Fact]
    public void ProduceHashedWordBags()
    {
        var ml = new MLContext();
        var samples = new List<TextData>
        {
            new() { Text = "This is an example to compute bag-of-word features using hashing." },
            new() { Text = "ML.NET's ProduceHashedWordBags API produces count of n-grams and hashes it as an index into a vector of given bit length." },
            new() { Text = "It does so by first tokenizing text/string into words/tokens then " },
            new() { Text = "computing n-grams and hash them to the index given by hash value." },
            new() { Text = "The hashing reduces the size of the output feature vector" },
            new() { Text = "which is useful in case when number of n-grams is very large." },
        };
        // The sample's printed counts (1 in slot 6, 2 in slot 7) and so its slots come from the words' old
        // hash, as the Hash samples' keys do: OldHashTests reproduces them with this bag's n-gram hashing;
        // with today's word hash the 8 trigrams land elsewhere. What it prints of the slot names holds:
        // the first sentence's slots are named after its trigrams (one name per slot, one inverted n-gram each).
        var textPipeline = ml.Transforms.Text.ProduceHashedWordBags("BagOfWordFeatures", "Text", numberOfBits: 5, ngramLength: 3, useAllLengths: false, maximumNumberOfInverts: 1);
        var dataview = ml.Data.LoadFromEnumerable(samples);
        var textTransformer = textPipeline.Fit(dataview);
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, HashedBagData>(textTransformer);
        var transformed = textTransformer.Transform(dataview);
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        transformed.Schema["BagOfWordFeatures"].GetSlotNames(ref slotNames);
        var slots = slotNames.DenseValues().Select(n => n.ToString()).ToArray();
        var firstRow = transformed.GetColumn<VBuffer<float>>(transformed.Schema["BagOfWordFeatures"]).First();

        var prediction = predictionEngine.Predict(samples[0]);

        Assert.Equal("Number of Features: 32", "Number of Features: " + prediction.BagOfWordFeatures.Length);
        var words = samples[0].Text.Split(' ');
        var trigrams = Enumerable.Range(0, words.Length - 2).Select(i => string.Join('|', words[i..(i + 3)])).ToArray();
        Assert.Contains("an|example|to", trigrams);
        Assert.All(firstRow.Items(), item => Assert.Contains(slots[item.Key], trigrams));
        Assert.Equal(firstRow.Items().Count(), firstRow.Items().Select(item => slots[item.Key]).Distinct().Count());
        Assert.Equal(8, prediction.BagOfWordFeatures.Sum()); // 10 words, 8 trigrams
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

    private sealed class BagData : TextData
    {
        public float[] BagOfWordFeatures { get; set; } = [];
    }

    [Fact]
    public void ProduceWordBags()
    {
        var ml = new MLContext();
        var samples = new List<TextData>
        {
            new() { Text = "This is an example to compute bag-of-word features." },
            new() { Text = "ML.NET's ProduceWordBags API produces bag-of-word features from input text." },
            new() { Text = "It does so by first tokenizing text/string into words/tokens then " },
            new() { Text = "computing n-grams and their numeric values." },
            new() { Text = "Each position in the output vector corresponds to a particular n-gram." },
            new() { Text = "The value at each position corresponds to," },
            new() { Text = "the number of times n-gram occurred in the data (Tf), or" },
            new() { Text = "the inverse of the number of documents contain the n-gram (Idf)," },
            new() { Text = "or compute both and multiply together (Tf-Idf)." },
        };
        var dataview = ml.Data.LoadFromEnumerable(samples);
        var textPipeline = ml.Transforms.Text.ProduceWordBags("BagOfWordFeatures", "Text", ngramLength: 3, useAllLengths: false,
            weighting: NgramExtractingEstimator.WeightingCriteria.Tf);
        var textTransformer = textPipeline.Fit(dataview);
        var transformedDataView = textTransformer.Transform(dataview);
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, BagData>(textTransformer);

        var prediction = predictionEngine.Predict(samples[0]);

        // The sample's comment says 62: its rows have 62 trigrams, but "the|number|of" is in two of them
        // (rows 7 and 8), so 61 distinct ones. ML.NET's ProduceNgrams sample, whose rows share those two,
        // prints 52 for its 53 trigrams, counting that repeat once, as here.
        Assert.Equal("Number of Features: 61", "Number of Features: " + prediction.BagOfWordFeatures.Length);
        // The sample prints each row's n-grams (its non-zero slots); its comment shows the first row's and the second's start.
        var slots = transformedDataView.Schema["BagOfWordFeatures"].Annotations.SlotNames!;
        var rows = transformedDataView.GetColumn<float[]>("BagOfWordFeatures")
            .Select(row => string.Join("  ", row.Select((v, i) => (v, i)).Where(p => p.v != 0).Select(p => slots[p.i]))).ToArray();
        Assert.Equal("This|is|an  is|an|example  an|example|to  example|to|compute  to|compute|bag-of-word  compute|bag-of-word|features.", rows[0]);
        Assert.StartsWith("ML.NET's|ProduceWordBags|API  ProduceWordBags|API|produces  API|produces|bag-of-word  produces|bag-of-word|features", rows[1]);
        Assert.Equal("Features: 1.0000  1.0000  1.0000  1.0000  1.0000  1.0000  0.0000  0.0000  0.0000  0.0000",
            "Features: " + string.Join("  ", prediction.BagOfWordFeatures.Take(10).Select(v => v.ToString("F4", CultureInfo.InvariantCulture))));
    }

    private sealed class WithoutStopWords : TextData
    {
        public string[] WordsWithoutStopWords { get; set; } = [];
    }

    [Fact]
    public void RemoveDefaultStopWords()
    {
        var ml = new MLContext();
        var emptyDataView = ml.Data.LoadFromEnumerable(new List<TextData>());
        var textPipeline = ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("WordsWithoutStopWords", "Words", language: StopWordsRemovingEstimator.Language.English));
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, WithoutStopWords>(textPipeline.Fit(emptyDataView));

        var prediction = predictionEngine.Predict(new TextData
        {
            Text = "ML.NET's RemoveDefaultStopWords API removes stop words from tHe text/string. It requires the text/string to be tokenized beforehand.",
        });

        Assert.Equal("Number of words: 11", "Number of words: " + prediction.WordsWithoutStopWords.Length);
        Assert.Equal("Words without stop words: ML.NET's,RemoveDefaultStopWords,API,removes,stop,words,text/string.,requires,text/string,tokenized,beforehand.",
            "Words without stop words: " + string.Join(",", prediction.WordsWithoutStopWords));
    }

    private class ReviewData
    {
        public string Review { get; set; } = "";
    }

    private sealed class ReviewKeys : ReviewData
    {
        public uint[] Keys { get; set; } = [];
    }

    [Fact]
    public void KeyToValueToKey()
    {
        var ml = new MLContext();
        var rawData = new[]
        {
            new ReviewData { Review = "animals birds cats dogs fish horse" },
            new ReviewData { Review = "horse birds house fish duck cats" },
            new ReviewData { Review = "car truck driver bus pickup" },
            new ReviewData { Review = "car truck driver bus pickup horse" },
        };
        var trainData = ml.Data.LoadFromEnumerable(rawData);
        var defaultPipeline = ml.Transforms.Text.TokenizeIntoWords("TokenizedText", nameof(ReviewData.Review))
            .Append(ml.Transforms.Conversion.MapValueToKey(nameof(ReviewKeys.Keys), "TokenizedText"));
        var customizedPipeline = ml.Transforms.Text.TokenizeIntoWords("TokenizedText", nameof(ReviewData.Review))
            .Append(ml.Transforms.Conversion.MapValueToKey(nameof(ReviewKeys.Keys), "TokenizedText", maximumNumberOfKeys: 10,
                keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue));

        var defaultData = ml.Data.CreateEnumerable<ReviewKeys>(defaultPipeline.Fit(trainData).Transform(trainData), reuseRowObject: false);
        var customizedData = ml.Data.CreateEnumerable<ReviewKeys>(customizedPipeline.Fit(trainData).Transform(trainData), reuseRowObject: false);

        Assert.Equal(["1,2,3,4,5,6", "6,2,7,5,8,3", "9,10,11,12,13", "9,10,11,12,13,6"], defaultData.Select(row => string.Join(',', row.Keys)));
        Assert.Equal(["1,2,4,5,7,8", "8,2,9,7,6,4", "3,10,0,0,0", "3,10,0,0,0,8"], customizedData.Select(row => string.Join(',', row.Keys)));

        var pipeline = defaultPipeline.Append(ml.Transforms.Conversion.MapKeyToValue(nameof(ReviewKeys.Keys)));
        var transformedDataDefault = pipeline.Fit(trainData).Transform(trainData);
        var originalColumnBack = transformedDataDefault.GetColumn<VBuffer<ReadOnlyMemory<char>>>(transformedDataDefault.Schema[nameof(ReviewKeys.Keys)]);

        Assert.Equal(["animals birds cats dogs fish horse ", "horse birds house fish duck cats ", "car truck driver bus pickup ", "car truck driver bus pickup horse "],
            originalColumnBack.Select(row => string.Concat(row.GetValues().ToArray().Select(value => $"{value} "))));
    }

    private sealed class NgramData : TextData
    {
        public float[] NgramFeatures { get; set; } = [];
    }

    [Fact]
    public void ProduceNgrams()
    {
        var ml = new MLContext();
        var samples = new List<TextData>
        {
            new() { Text = "This is an example to compute n-grams." },
            new() { Text = "N-gram is a sequence of 'N' consecutive words/tokens." },
            new() { Text = "ML.NET's ProduceNgrams API produces vector of n-grams." },
            new() { Text = "Each position in the vector corresponds to a particular n-gram." },
            new() { Text = "The value at each position corresponds to," },
            new() { Text = "the number of times n-gram occurred in the data (Tf), or" },
            new() { Text = "the inverse of the number of documents that contain the n-gram (Idf)," },
            new() { Text = "or compute both and multiply together (Tf-Idf)." },
        };
        var dataview = ml.Data.LoadFromEnumerable(samples);
        var textPipeline = ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text")
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("NgramFeatures", "Tokens", ngramLength: 3, useAllLengths: false,
                weighting: NgramExtractingEstimator.WeightingCriteria.Tf));
        var textTransformer = textPipeline.Fit(dataview);
        var transformedDataView = textTransformer.Transform(dataview);
        var predictionEngine = ml.Model.CreatePredictionEngine<TextData, NgramData>(textTransformer);

        var prediction = predictionEngine.Predict(samples[0]);

        Assert.Equal("Number of Features: 52", "Number of Features: " + prediction.NgramFeatures.Length);
        var slots = transformedDataView.Schema["NgramFeatures"].Annotations.SlotNames!;
        var rows = transformedDataView.GetColumn<float[]>("NgramFeatures")
            .Select(row => string.Join("  ", row.Select((v, i) => (v, i)).Where(p => p.v != 0).Select(p => slots[p.i]))).ToArray();
        Assert.Equal("This|is|an  is|an|example  an|example|to  example|to|compute  to|compute|n-grams.", rows[0]);
        Assert.StartsWith("N-gram|is|a  is|a|sequence  a|sequence|of  sequence|of|'N'  of|'N'|consecutive", rows[1]);
        Assert.Equal("Features: 1.0000  1.0000  1.0000  1.0000  1.0000  0.0000  0.0000  0.0000  0.0000  0.0000",
            "Features: " + string.Join("  ", prediction.NgramFeatures.Take(10).Select(v => v.ToString("F4", CultureInfo.InvariantCulture))));
    }
}
