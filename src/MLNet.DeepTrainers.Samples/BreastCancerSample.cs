namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// Binary classification of tumours (malignant or benign): an MLP plain, with L2 regularization and with
/// dropout, against ML.NET's FastTree and FastForest; ML.NET's precision, recall, F1 and AUC by 5-fold cross-validation.
/// </summary>
public static class BreastCancerSample
{
    /// <summary>The pipelines the sample compares; they read the 30 measurements as "Features" and the diagnosis as "Label".</summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> Pipelines(MLContext ml, int epochs)
    {
        var normalize = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false);
        var l2 = Regularizers.L2(0.01);
        return
        [
            ("MLP", normalize.Append(ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [32, 32], epochs: epochs, batchSize: 16))),
            ("MLP + L2", normalize.Append(ml.BinaryClassification.Trainers.Sequential(
                [new Dense(32, ActivationKind.ReLU) { KernelRegularizer = l2 }, new Dense(32, ActivationKind.ReLU) { KernelRegularizer = l2 }, new Dense(1, ActivationKind.Sigmoid)],
                epochs: epochs, batchSize: 16))),
            ("MLP + dropout", normalize.Append(ml.BinaryClassification.Trainers.Mlp(hiddenLayers: [32, 32], dropoutRate: 0.3f, epochs: epochs, batchSize: 16))),
            ("FastTree", ml.BinaryClassification.Trainers.FastTree()),
            ("FastForest", ml.BinaryClassification.Trainers.FastForest()),
        ];
    }

    public static IReadOnlyDictionary<string, CrossValidationComparison> Run(SampleOptions options)
    {
        var output = options.Output;
        var ml = new MLContext(seed: 1);
        var data = Tumor.Load(ml, options.DataFile("breast_cancer.csv"));
        var measures = new (string Name, Func<BinaryClassificationMetrics, double> Read)[]
        {
            ("precision", m => m.PositivePrecision), ("recall", m => m.PositiveRecall), ("F1", m => m.F1Score), ("AUC", m => m.AreaUnderRocCurve),
        };
        var comparisons = measures.ToDictionary(m => m.Name, m => new CrossValidationComparison(m.Name));
        output.WriteLine("Breast cancer: 569 tumours, 30 measurements, malignant = positive; ML.NET's 5-fold cross-validation, the same folds for every pipeline");
        output.WriteLine($"{"pipeline",-14} {"precision",16} {"recall",16} {"F1",16} {"AUC",16}");
        foreach (var (name, pipeline) in Pipelines(ml, options.Quick ? 3 : 60))
        {
            // FastForest is not calibrated: ML.NET cross-validates it without probabilities.
            var metrics = name == "FastForest"
                ? ml.BinaryClassification.CrossValidateNonCalibrated(data, pipeline, numberOfFolds: 5, seed: 11).Select(f => (BinaryClassificationMetrics)f.Metrics).ToList()
                : ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5, seed: 11).Select(f => (BinaryClassificationMetrics)f.Metrics).ToList();
            foreach (var (measure, read) in measures)
                comparisons[measure].Add(name, metrics.Select(read));
            output.WriteLine($"{name,-14} " + string.Join(" ", measures.Select(m =>
            {
                var values = metrics.Select(m.Read).ToArray();
                return $"{CrossValidationComparison.Mean(values):F3} ± {CrossValidationComparison.StandardDeviation(values):F3}".PadLeft(16);
            })));
        }
        comparisons["F1"].SaveSvg(options.OutputFile("breast-cancer-f1.svg"), "Breast cancer: F1 by pipeline (5-fold CV)");
        comparisons["AUC"].SaveSvg(options.OutputFile("breast-cancer-auc.svg"), "Breast cancer: AUC by pipeline (5-fold CV)");
        comparisons["F1"].SaveCsv(options.OutputFile("breast-cancer-f1.csv"));
        return comparisons;
    }
}
