using System.Diagnostics;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// The seeds' Keras example in C#: Boston housing, z-score, Dense 64-64-1 with RMSprop, 100 epochs of
/// batch 16, 4-fold cross-validation; then the final model trained on everything, saved, loaded and used.
/// </summary>
public static class BostonSample
{
    private const int FoldSeed = 7;

    public static EstimatorChain<RegressionPredictionTransformer<SequentialModel>> Pipeline(MLContext ml, int epochs) =>
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

    /// <summary>Runs the sample; returns the mean cross-validated MAE.</summary>
    public static double Run(string dataPath, string modelPath, int epochs, TextWriter output)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromTextFile<House>(dataPath, separatorChar: ',', hasHeader: true);
        var pipeline = Pipeline(ml, epochs);

        var clock = Stopwatch.StartNew();
        var folds = ml.Regression.CrossValidate(data, pipeline, numberOfFolds: 4, labelColumnName: "MEDV", seed: FoldSeed);
        foreach (var fold in folds)
            output.WriteLine($"fold {fold.Fold}: MAE {fold.Metrics.MeanAbsoluteError:F3}  RMSE {fold.Metrics.RootMeanSquaredError:F3}  R² {fold.Metrics.RSquared:F3}");
        double meanMae = folds.Average(f => f.Metrics.MeanAbsoluteError);
        output.WriteLine($"mean MAE over {folds.Count} folds: {meanMae:F3} ({clock.Elapsed.TotalSeconds:F1} s)");

        // The tree baselines on the same folds (the same seed gives the same split).
        var features = ml.Transforms.Concatenate("Features", House.FeatureNames);
        foreach (var (name, trees) in new (string, IEstimator<ITransformer>)[]
        {
            ("FastTree", features.Append(ml.Regression.Trainers.FastTree(labelColumnName: "MEDV"))),
            ("FastForest", features.Append(ml.Regression.Trainers.FastForest(labelColumnName: "MEDV"))),
        })
        {
            var treeFolds = ml.Regression.CrossValidate(data, trees, numberOfFolds: 4, labelColumnName: "MEDV", seed: FoldSeed);
            output.WriteLine($"{name,-10} mean MAE: {treeFolds.Average(f => f.Metrics.MeanAbsoluteError):F3}");
        }

        var model = pipeline.Fit(data);
        output.WriteLine(model.LastTransformer.Model.Summary());
        ml.Model.Save(model, data.Schema, modelPath);
        output.WriteLine($"saved the fitted pipeline to {modelPath}");

        var loaded = ml.Model.Load(modelPath, out _);
        var engine = ml.Model.CreatePredictionEngine<House, HousePrediction>(loaded);
        var first = ml.Data.CreateEnumerable<House>(ml.Data.TakeRows(data, 1), reuseRowObject: false).First();
        output.WriteLine($"first house: actual {first.MEDV:F1}, predicted {engine.Predict(first).Score:F1} (in $1000s)");
        return meanMae;
    }
}
