using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// Train, save the whole pipeline as a .zip, load it in a fresh MLContext (as another program would),
/// and predict single rows with a prediction engine, the class name coming back through MapKeyToValue.
/// </summary>
public static class SaveLoadSample
{
    public sealed class Flower
    {
        [LoadColumn(0)] public float SepalLength { get; set; }
        [LoadColumn(1)] public float SepalWidth { get; set; }
        [LoadColumn(2)] public float PetalLength { get; set; }
        [LoadColumn(3)] public float PetalWidth { get; set; }
        [LoadColumn(4)] public string Species { get; set; } = "";
    }

    public sealed class Prediction
    {
        public string PredictedSpecies { get; set; } = "";
        [VectorType(3)] public float[] Score { get; set; } = [];
    }

    /// <summary>The sample's pipeline: species to keys, measurements z-scored, an MLP, the predicted key back to the species' name.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, int epochs) =>
        ml.Transforms.Conversion.MapValueToKey("Label", "Species")
            .Append(ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [16], Epochs = epochs, BatchSize = 8, Optimizer = new Adam(0.01) }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));

    /// <summary>Runs the sample; returns the predictions for the file's first, 51st and 101st flowers.</summary>
    public static IReadOnlyList<(Flower Flower, Prediction Prediction)> Run(SampleOptions options)
    {
        var output = options.Output;
        string path = options.OutputFile("iris-model.zip");
        string dataFile = options.DataFile("iris.csv");
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromTextFile<Flower>(dataFile, ',', hasHeader: true);
            var pipeline = Pipeline(ml, options.Quick ? 20 : 100);
            var model = pipeline.Fit(data);
            ml.Model.Save(model, data.Schema, path);
            output.WriteLine($"trained on {ml.Data.CreateEnumerable<Flower>(data, true).Count()} flowers and saved the pipeline ({new FileInfo(path).Length:N0} bytes)");
        }

        // A fresh context, as in another process: nothing but the file.
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(path, out var schema);
        output.WriteLine($"loaded it back; it expects the columns: {schema}");
        using var engine = fresh.Model.CreatePredictionEngine<Flower, Prediction>(loaded);
        var flowers = fresh.Data.CreateEnumerable<Flower>(fresh.Data.LoadFromTextFile<Flower>(dataFile, ',', hasHeader: true), false).Where((_, i) => i % 50 == 0).ToList();
        var results = new List<(Flower, Prediction)>();
        foreach (var flower in flowers)
        {
            var prediction = engine.Predict(flower);
            results.Add((flower, prediction));
            output.WriteLine($"petal {flower.PetalLength} × {flower.PetalWidth} cm, a {flower.Species}: predicted {prediction.PredictedSpecies} (probabilities {string.Join(", ", prediction.Score.Select(p => p.ToString("F3")))})");
        }
        return results;
    }
}
