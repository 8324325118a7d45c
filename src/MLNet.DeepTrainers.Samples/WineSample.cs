using Microsoft.Data.Analysis;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// Multiclass with ML.NET's key labels: wine (three cultivars) read into a DataFrame, the class mapped
/// with MapValueToKey, an MLP against FastTree by 5-fold cross-validation, the MLP's confusion matrix
/// on a held-out split; then iris, its predictions mapped back to species names with MapKeyToValue and
/// read into a DataFrame.
/// </summary>
public static class WineSample
{
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> Pipelines(MLContext ml, string[] features, int epochs)
    {
        var prepare = ml.Transforms.Conversion.MapValueToKey("Label", "class")
            .Append(ml.Transforms.Concatenate("Features", features));
        var normalize = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false);
        return
        [
            ("MLP 16", prepare.Append(normalize).Append(ml.MulticlassClassification.Trainers.Mlp(hiddenLayers: [16], epochs: epochs, batchSize: 8, learningRate: 0.01))),
            ("FastTree (one vs all)", prepare.Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(minimumExampleCountPerLeaf: 5)))),
        ];
    }

    /// <summary>Iris's species as a key label, the four measurements z-scored, an MLP, and its predicted key mapped back to the species' name in "predicted_species".</summary>
    public static IEstimator<ITransformer> IrisPipeline(MLContext ml, int epochs) => ml.Transforms.Conversion.MapValueToKey("Label", "species")
        .Append(ml.Transforms.Concatenate("Features", "sepal_length", "sepal_width", "petal_length", "petal_width"))
        .Append(ml.Transforms.NormalizeMeanVariance("Features"))
        .Append(ml.MulticlassClassification.Trainers.Mlp(hiddenLayers: [16], epochs: epochs, batchSize: 8, learningRate: 0.01))
        .Append(ml.Transforms.Conversion.MapKeyToValue("predicted_species", "PredictedLabel"));

    public static CrossValidationComparison Run(SampleOptions options)
    {
        var output = options.Output;
        var ml = new MLContext(seed: 1);
        int epochs = options.Quick ? 3 : 100;
        // A DataFrame is an IDataView: it goes into ML.NET as it is (LoadCsv reads the numbers as Single).
        var wine = DataFrame.LoadCsv(options.DataFile("wine.csv"));
        var features = wine.Columns.Select(c => c.Name).Where(n => n != "class").ToArray();
        var comparison = new CrossValidationComparison("accuracy");
        foreach (var (name, pipeline) in Pipelines(ml, features, epochs))
            comparison.Add(name, ml.MulticlassClassification.CrossValidate(wine, pipeline, 5, seed: 3).Select(f => f.Metrics.MicroAccuracy));
        output.WriteLine("Wine: 178 wines, 13 measurements, 3 cultivars; ML.NET's 5-fold cross-validated accuracy");
        output.Write(comparison);
        comparison.SaveSvg(options.OutputFile("wine-cv.svg"), "Wine: accuracy by model (5-fold CV)");
        var split = ml.Data.TrainTestSplit(wine, testFraction: 0.3, seed: 5);
        var metrics = ml.MulticlassClassification.Evaluate(Pipelines(ml, features, epochs)[0].Pipeline.Fit(split.TrainSet).Transform(split.TestSet));
        output.WriteLine($"MLP on a 30% held-out split: accuracy {metrics.MicroAccuracy:F3}, macro accuracy {metrics.MacroAccuracy:F3}, log-loss {metrics.LogLoss:F3}");
        output.Write(metrics.ConfusionMatrix.GetFormattedConfusionTable());

        var iris = DataFrame.LoadCsv(options.DataFile("iris.csv"));
        var irisModel = IrisPipeline(ml, epochs).Fit(iris);
        var predictions = irisModel.Transform(iris).ToDataFrame(-1, "species", "predicted_species");
        output.WriteLine($"Iris: {predictions.Rows.Count(r => Equals(r[0], r[1]))} of {predictions.Rows.Count} species predicted right on the training data; the first rows of the predictions as a DataFrame:");
        output.WriteLine(predictions.Head(3).ToString());
        return comparison;
    }
}
