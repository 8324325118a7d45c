using System.Diagnostics;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// The seeds' Keras regression in C# and ML.NET: Boston housing with 4-fold cross-validation. The
/// network (z-score, Dense 64-64-1, RMSprop, 100 epochs of batch 16) against ML.NET's FastTree and
/// FastForest on the same folds through <c>ml.Regression.CrossValidate</c>; then the final model trained
/// on everything, saved into an ML.NET .zip, loaded in a fresh MLContext and used.
/// </summary>
public static class BostonSample
{
    private const int FoldSeed = 7;

    /// <summary>The seeds' network: z-scored features, then the MLP.</summary>
    public static EstimatorChain<DeepPredictionTransformer> ZScoreMlp(MLContext ml, int epochs) =>
        ml.Transforms.Concatenate("Features", House.FeatureNames)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Regression.Trainers.Mlp(new MlpOptions
            {
                LabelColumnName = "MEDV",
                HiddenLayers = [64, 64],
                Optimizer = new RmsProp(learningRate: 0.001),
                Epochs = epochs,
                BatchSize = 16,
            }));

    /// <summary>The pipelines the sample compares, the network first.</summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> Pipelines(MLContext ml, int epochs)
    {
        var features = ml.Transforms.Concatenate("Features", House.FeatureNames);
        return
        [
            ("MLP z-score", ZScoreMlp(ml, epochs)),
            ("FastTree", features.Append(ml.Regression.Trainers.FastTree(labelColumnName: "MEDV"))),
            ("FastForest", features.Append(ml.Regression.Trainers.FastForest(labelColumnName: "MEDV"))),
        ];
    }

    /// <summary>Runs the sample; returns the network's mean cross-validated MAE.</summary>
    public static double Run(SampleOptions options)
    {
        var output = options.Output;
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromTextFile<House>(options.DataFile("boston_house_prices.csv"), separatorChar: ',', hasHeader: true);
        int epochs = options.Quick ? 5 : 100;
        output.WriteLine($"Boston housing: {House.FeatureNames.Length} features, MEDV in $1000s; ML.NET's 4-fold cross-validation, the same folds for every pipeline");
        var comparison = new CrossValidationComparison("MAE");
        foreach (var (name, pipeline) in Pipelines(ml, epochs))
        {
            var clock = Stopwatch.StartNew();
            var folds = ml.Regression.CrossValidate(data, pipeline, numberOfFolds: 4, labelColumnName: "MEDV", seed: FoldSeed);
            var maes = folds.Select(f => f.Metrics.MeanAbsoluteError).ToArray();
            comparison.Add(name, maes);
            output.WriteLine($"{name,-12} MAE per fold: {string.Join("  ", maes.Select(m => m.ToString("F3")))}   ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        output.WriteLine();
        output.Write(comparison);
        comparison.SaveSvg(options.OutputFile("boston-cv.svg"), "Boston housing: MAE by pipeline (4-fold CV)");
        comparison.SaveCsv(options.OutputFile("boston-cv.csv"));

        var model = ZScoreMlp(ml, epochs).Fit(data);
        var network = model.LastTransformer.Model;
        output.WriteLine(network.Summary());
        network.History.SaveSvg(options.OutputFile("boston-history.svg"), "Boston MLP");
        network.History.SaveCsv(options.OutputFile("boston-history.csv"));
        string modelPath = options.OutputFile("house.zip");
        ml.Model.Save(model, data.Schema, modelPath);
        var loaded = new MLContext().Model.Load(modelPath, out _);
        var engine = ml.Model.CreatePredictionEngine<House, HousePrediction>(loaded);
        var first = ml.Data.CreateEnumerable<House>(ml.Data.TakeRows(data, 1), reuseRowObject: false).First();
        output.WriteLine($"first house: actual {first.MEDV:F1}, predicted {engine.Predict(first).Score:F1} (in $1000s) by the model loaded from {Path.GetFileName(modelPath)}");
        return comparison.Entries[0].Values.Average();
    }
}
