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
