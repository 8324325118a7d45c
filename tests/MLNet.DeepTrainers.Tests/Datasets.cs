using House = MLNet.DeepTrainers.Samples.House;

namespace MLNet.DeepTrainers.Tests;

/// <summary>The repository's small data sets, loaded with ML.NET's own loader, and the pipelines that prepare them.</summary>
internal static class Datasets
{
    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", file);

    public static IDataView Boston(MLContext ml) => ml.Data.LoadFromTextFile<House>(Path("boston_house_prices.csv"), separatorChar: ',', hasHeader: true);

    /// <summary>Boston's features concatenated and z-scored, label MEDV.</summary>
    public static IEstimator<ITransformer> BostonFeatures(MLContext ml) =>
        ml.Transforms.Concatenate("Features", House.FeatureNames).Append(ml.Transforms.NormalizeMeanVariance("Features"));

    public static IDataView Iris(MLContext ml) => ml.Data.LoadFromTextFile<IrisRow>(Path("iris.csv"), separatorChar: ',', hasHeader: true);

    /// <summary>Iris's features z-scored, the species mapped to a key label.</summary>
    public static IEstimator<ITransformer> IrisFeatures(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label", "Species")
            .Append(ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));

    public static IDataView BreastCancer(MLContext ml)
    {
        var raw = ml.Data.LoadFromTextFile(Path("breast_cancer.csv"), [
            new TextLoader.Column("Features", DataKind.Single, 0, 29),
            new TextLoader.Column("Diagnosis", DataKind.String, 30)], separatorChar: ',', hasHeader: true);
        return ml.Transforms.CustomMapping<DiagnosisRow, MalignantRow>((d, m) => m.Label = d.Diagnosis == "malignant", contractName: null)
            .Fit(raw).Transform(raw);
    }

    /// <summary>The 5,574 SMS messages of data/text (ham or spam): Text, and Label true for spam.</summary>
    public static IDataView Sms(MLContext ml)
    {
        var raw = ml.Data.LoadFromTextFile<SmsRow>(Path("text/sms_spam.tsv"), separatorChar: '\t');
        return ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { ["ham"] = false, ["spam"] = true }, "Kind").Fit(raw).Transform(raw);
    }

    /// <summary>The 1,000 IMDB sentences of data/text: Text, and Label true for a positive one.</summary>
    public static IDataView Imdb(MLContext ml) => ml.Data.LoadFromTextFile<ImdbRow>(Path("text/imdb_sentences.tsv"), separatorChar: '\t');

    public sealed class SmsRow
    {
        [LoadColumn(0)] public string Kind = "";
        [LoadColumn(1)] public string Text = "";
    }

    public sealed class ImdbRow
    {
        [LoadColumn(0)] public string Text = "";
        [LoadColumn(1)] public bool Label;
    }

    /// <summary>The length of <see cref="TokenSequences"/>'s rows; their tokens are below <see cref="Vocabulary"/>.</summary>
    public const int Steps = 12, Vocabulary = 12;

    /// <summary>
    /// Rows of <see cref="Steps"/> token indices in [0, <see cref="Vocabulary"/>) held as Single features, with
    /// padding (index 0) before, between and after the real tokens and every 16th row padding alone; the
    /// target counts the small tokens (1 to 3).
    /// </summary>
    public static IDataView TokenSequences(MLContext ml, int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<SequenceRow>();
        for (int i = 0; i < count; i++)
        {
            var tokens = new float[Steps];
            int start = i % 16 == 0 ? Steps : random.Next(Steps / 2);
            for (int t = start; t < Steps; t++)
                tokens[t] = random.Next(5) == 0 ? 0 : random.Next(1, Vocabulary);
            rows.Add(new SequenceRow { Features = tokens, Label = tokens.Count(v => v is > 0 and < 4) });
        }
        return ml.Data.LoadFromEnumerable(rows);
    }

    public sealed class SequenceRow
    {
        [VectorType(Steps)]
        public float[] Features = [];

        public float Label;
    }

    public sealed class IrisRow
    {
        [LoadColumn(0)] public float SepalLength;
        [LoadColumn(1)] public float SepalWidth;
        [LoadColumn(2)] public float PetalLength;
        [LoadColumn(3)] public float PetalWidth;
        [LoadColumn(4)] public string Species = "";
    }

    public sealed class DiagnosisRow
    {
        public string Diagnosis = "";
    }

    public sealed class MalignantRow
    {
        public bool Label;
    }
}
