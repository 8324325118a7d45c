using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Reports;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// Three wine cultivars. Where label encoding matters: the class as an ordinal number fitted by regression
/// (which assumes class_1 lies between class_0 and class_2) against the class as a key learned with softmax
/// cross-entropy (the one-hot view: no order), and an MLP against FastTree; 5-fold cross-validation,
/// then the best model's confusion matrix on a held-out split.
/// </summary>
public static class WineSample
{
    public sealed class Ordinal
    {
        public string Class { get; set; } = "";
        public float Score { get; set; }
    }

    /// <summary>The pipelines the sample compares: the ordinal regression network, the key (softmax) network, FastTree.</summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> Pipelines(MLContext ml, int epochs)
    {
        var normalize = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false);
        var asKey = ml.Transforms.Conversion.MapValueToKey("Label", "Class", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        return
        [
            // The ordinal view: class_0, class_1, class_2 become the numbers 1, 2, 3 and a regression network predicts them.
            ("MLP, ordinal label (regression)", asKey.Append(ml.Transforms.Conversion.ConvertType("Number", "Label", DataKind.Single)).Append(normalize)
                .Append(ml.Regression.Trainers.Mlp(labelColumnName: "Number", hiddenLayers: [16], epochs: epochs, batchSize: 8, learningRate: 0.01))),
            ("MLP, key label (softmax)", asKey.Append(normalize).Append(ml.MulticlassClassification.Trainers.Mlp(hiddenLayers: [16], epochs: epochs, batchSize: 8, learningRate: 0.01))),
            ("FastTree", asKey.Append(ml.MulticlassClassification.Trainers.FastTree(minimumExampleCountPerLeaf: 5))),
        ];
    }

    public static CrossValidationComparison Run(SampleOptions options)
    {
        var output = options.Output;
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<Wine>(options.DataFile("wine.csv"), ',', hasHeader: true);
        var pipelines = Pipelines(ml, options.Quick ? 3 : 100);
        var ((ordinalName, ordinalNetwork), (keyName, keyNetwork), (treesName, trees)) = (pipelines[0], pipelines[1], pipelines[2]);

        var comparison = new CrossValidationComparison("accuracy");
        var splits = ml.Data.CrossValidationSplit(data, numberOfFolds: 5, seed: 3);
        comparison.Add(ordinalName, splits.Select(s => OrdinalAccuracy(ml, ordinalNetwork.Fit(s.TrainSet).Transform(s.TestSet))));
        comparison.Add(keyName, ml.MulticlassClassification.CrossValidate(data, keyNetwork, 5, seed: 3).Select(f => f.Metrics.MicroAccuracy));
        comparison.Add(treesName, ml.MulticlassClassification.CrossValidate(data, trees, 5, seed: 3).Select(f => f.Metrics.MicroAccuracy));
        output.WriteLine("Wine: 178 wines, 13 measurements, 3 cultivars; 5-fold cross-validated accuracy");
        output.Write(comparison);
        comparison.SaveSvg(options.OutputFile("wine-cv.svg"), "Wine: accuracy by label encoding and model (5-fold CV)");
        comparison.SaveCsv(options.OutputFile("wine-cv.csv"));

        var split = ml.Data.TrainTestSplit(data, testFraction: 0.3, seed: 5);
        var metrics = ml.MulticlassClassification.Evaluate(keyNetwork.Fit(split.TrainSet).Transform(split.TestSet));
        output.WriteLine($"MLP with a key label on a 30% held-out split: accuracy {metrics.MicroAccuracy:F3}, macro accuracy {metrics.MacroAccuracy:F3}, log-loss {metrics.LogLoss:F3}");
        output.Write(metrics.ConfusionMatrix.GetFormattedConfusionTable());
        return comparison;
    }

    // A regression output is a class when rounded to the nearest key; the key's text is the class.
    private static double OrdinalAccuracy(MLContext ml, IDataView scored)
    {
        var names = (string[])scored.Schema["Label"].Annotations.KeyValues!;
        var rows = ml.Data.CreateEnumerable<Ordinal>(scored, reuseRowObject: false).ToList();
        return rows.Count(r => names[Math.Clamp((int)Math.Round(r.Score), 1, names.Length) - 1] == r.Class) / (double)rows.Count;
    }
}
