using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Reports;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// Binary classification of tumours (malignant or benign): an MLP plain, with L2 regularization and with
/// dropout, against FastTree and FastForest; precision, recall, F1 and AUC by 5-fold cross-validation.
/// </summary>
public static class BreastCancerSample
{
    /// <summary>The pipelines the sample compares; they read the 30 measurements as "Features" and the diagnosis as "Label".</summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> Pipelines(MLContext ml, int epochs)
    {
        var normalize = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false);
        MlpOptions Network(Action<MlpOptions>? change = null)
        {
            var network = new MlpOptions { HiddenLayers = [32, 32], Epochs = epochs, BatchSize = 16 };
            change?.Invoke(network);
            return network;
        }
        return
        [
            ("MLP", normalize.Append(ml.BinaryClassification.Trainers.Mlp(Network()))),
            ("MLP + L2", normalize.Append(ml.BinaryClassification.Trainers.Sequential(new SequentialOptions
            {
                Layers = [new Dense(32, ActivationKind.ReLU) { KernelL2 = 0.01f }, new Dense(32, ActivationKind.ReLU) { KernelL2 = 0.01f }, new Dense(1)],
                Epochs = epochs,
                BatchSize = 16,
            }))),
            ("MLP + dropout", normalize.Append(ml.BinaryClassification.Trainers.Mlp(Network(n => n.DropoutRate = 0.3f)))),
            ("FastTree", ml.BinaryClassification.Trainers.FastTree()),
            ("FastForest", ml.BinaryClassification.Trainers.FastForest()),
        ];
    }

    public static IReadOnlyDictionary<string, CrossValidationComparison> Run(SampleOptions options)
    {
        var output = options.Output;
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Tumor.Load(ml, options.DataFile("breast_cancer.csv")));
        var pipelines = Pipelines(ml, options.Quick ? 3 : 60);

        var measures = new (string Name, Func<CalibratedBinaryClassificationMetrics, double> Read)[]
        {
            ("precision", m => m.PositivePrecision), ("recall", m => m.PositiveRecall), ("F1", m => m.F1Score), ("AUC", m => m.AreaUnderRocCurve),
        };
        var comparisons = measures.ToDictionary(m => m.Name, m => new CrossValidationComparison(m.Name));
        output.WriteLine("Breast cancer: 569 tumours, 30 measurements, malignant = positive; 5-fold cross-validation, the same folds for every pipeline");
        output.WriteLine($"{"pipeline",-14} {"precision",16} {"recall",16} {"F1",16} {"AUC",16}");
        foreach (var (name, pipeline) in pipelines)
        {
            var folds = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5, seed: 11);
            foreach (var (measure, read) in measures)
                comparisons[measure].Add(name, folds.Select(f => read(f.Metrics)));
            output.WriteLine($"{name,-14} " + string.Join(" ", measures.Select(m =>
            {
                var values = folds.Select(f => m.Read(f.Metrics)).ToArray();
                return $"{CrossValidationComparison.Mean(values):F3} ± {CrossValidationComparison.StandardDeviation(values):F3}".PadLeft(16);
            })));
        }
        comparisons["F1"].SaveSvg(options.OutputFile("breast-cancer-f1.svg"), "Breast cancer: F1 by pipeline (5-fold CV)");
        comparisons["AUC"].SaveSvg(options.OutputFile("breast-cancer-auc.svg"), "Breast cancer: AUC by pipeline (5-fold CV)");
        comparisons["F1"].SaveCsv(options.OutputFile("breast-cancer-f1.csv"));
        return comparisons;
    }
}
