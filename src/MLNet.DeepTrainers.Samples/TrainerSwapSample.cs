namespace MLNet.DeepTrainers.Samples;

/// <summary>
/// ML.NET's own trainer samples (docs/samples/Microsoft.ML.Samples/Dynamic/Trainers in ML.NET's
/// repository) with the trainer line swapped for the library's <c>Mlp</c> or <c>Dense</c>: the same data,
/// generated as those samples generate it (1,000 training rows from seed 0, raw and uncentred; the binary
/// GAM sample 25,000 rows of a non-linear problem and its own split), the same pipeline and ML.NET's
/// evaluator. The samples print metrics on 5 or 500 test rows of seed 123; here every such sample is
/// scored on 500, so that the comparison is not down to a handful of rows.
/// </summary>
public static class TrainerSwapSample
{
    /// <summary>
    /// One of ML.NET's trainer samples: its name, its task's metric, its trainer, and <see cref="Run"/>,
    /// which runs the sample program with a trainer made by the given function.
    /// </summary>
    public sealed record Case(string Name, string Metric, Func<MLContext, IEstimator<ITransformer>> Original, Func<MLContext, IEstimator<ITransformer>, double> Program)
    {
        /// <summary>The sample's metric on the test rows with the trainer <paramref name="trainer"/> makes, in the sample's own context.</summary>
        public double Run(Func<MLContext, IEstimator<ITransformer>> trainer)
        {
            var mlContext = new MLContext(seed: 0);
            return Program(mlContext, trainer(mlContext));
        }

        /// <summary>The library's <c>Mlp()</c> with its defaults, on the case's catalog, in the original's place.</summary>
        public IEstimator<ITransformer> Mlp(MLContext ml) => Metric switch
        {
            "R²" => ml.Regression.Trainers.Mlp(),
            "accuracy" => ml.BinaryClassification.Trainers.Mlp(),
            _ => ml.MulticlassClassification.Trainers.Mlp(),
        };

        /// <summary>The library's <c>Dense()</c> (linear, logistic or softmax regression) with its defaults, in the original's place.</summary>
        public IEstimator<ITransformer> Dense(MLContext ml) => Metric switch
        {
            "R²" => ml.Regression.Trainers.Dense(),
            "accuracy" => ml.BinaryClassification.Trainers.Dense(),
            _ => ml.MulticlassClassification.Trainers.Dense(),
        };
    }

    /// <summary>The samples of ML.NET's three supervised catalogs whose trainers ship in Microsoft.ML and Microsoft.ML.FastTree.</summary>
    public static IReadOnlyList<Case> Cases { get; } =
    [
        Regression("Regression/Sdca", ml => ml.Regression.Trainers.Sdca()),
        Regression("Regression/LbfgsPoissonRegression", ml => ml.Regression.Trainers.LbfgsPoissonRegression()),
        Regression("Regression/OnlineGradientDescent", ml => ml.Regression.Trainers.OnlineGradientDescent()),
        Regression("Regression/FastTree", ml => ml.Regression.Trainers.FastTree()),
        Regression("Regression/FastForest", ml => ml.Regression.Trainers.FastForest()),
        Regression("Regression/Gam", ml => ml.Regression.Trainers.Gam()),
        Binary("BinaryClassification/LbfgsLogisticRegression", 0.1f, ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression()),
        Binary("BinaryClassification/AveragedPerceptron", 0.1f, ml => ml.BinaryClassification.Trainers.AveragedPerceptron()),
        Binary("BinaryClassification/LinearSvm", 0.1f, ml => ml.BinaryClassification.Trainers.LinearSvm()),
        Binary("BinaryClassification/SdcaLogisticRegression", 0.03f, ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression()),
        Binary("BinaryClassification/SgdCalibrated", 0.03f, ml => ml.BinaryClassification.Trainers.SgdCalibrated()),
        Binary("BinaryClassification/FastTree", 0.03f, ml => ml.BinaryClassification.Trainers.FastTree()),
        Binary("BinaryClassification/FastForest", 0.03f, ml => ml.BinaryClassification.Trainers.FastForest()),
        new("BinaryClassification/Gam", "accuracy", ml => ml.BinaryClassification.Trainers.Gam(maximumBinCountPerFeature: 16), (ml, estimator) =>
        {
            // The GAM sample's own data and split: 25,000 rows of two features, ML.NET's TrainTestSplit (10% held out).
            var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(GamPoints(25_000)));
            return ml.BinaryClassification.EvaluateNonCalibrated(estimator.Fit(split.TrainSet).Transform(split.TestSet)).Accuracy;
        }),
        Multiclass("MulticlassClassification/LbfgsMaximumEntropy", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
        Multiclass("MulticlassClassification/SdcaMaximumEntropy", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()),
        Multiclass("MulticlassClassification/NaiveBayes", ml => ml.MulticlassClassification.Trainers.NaiveBayes()),
        Multiclass("MulticlassClassification/OneVersusAll", ml => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.SdcaLogisticRegression())),
        Multiclass("MulticlassClassification/PairwiseCoupling", ml => ml.MulticlassClassification.Trainers.PairwiseCoupling(ml.BinaryClassification.Trainers.SdcaLogisticRegression())),
    ];

    /// <summary>Runs every case with its original trainer and with the library's Mlp, and prints the table.</summary>
    public static void Run(SampleOptions options)
    {
        var output = options.Output;
        output.WriteLine("ML.NET's trainer samples, the trainer swapped for ml.<catalog>.Trainers.Mlp() or .Dense() (defaults; 500 test rows, the GAM sample its own split)\n");
        output.WriteLine($"{"sample",-46} {"metric",-15} {"original",8} {"Mlp",8} {"Dense",8}");
        foreach (var sample in options.Quick ? Cases.Where((_, i) => i % 6 == 0) : Cases)
        {
            double original = sample.Run(sample.Original);
            output.WriteLine($"{sample.Name,-46} {sample.Metric,-15} {original,8:G3} {sample.Run(sample.Mlp),8:F3} {sample.Run(sample.Dense),8:F3}");
        }
    }

    private static Case Regression(string name, Func<MLContext, IEstimator<ITransformer>> trainer) => new(name, "R²", trainer, (ml, estimator) =>
    {
        var model = estimator.Fit(ml.Data.LoadFromEnumerable(RegressionPoints(1000)));
        return ml.Regression.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(RegressionPoints(500, seed: 123)))).RSquared;
    });

    private static Case Binary(string name, float shift, Func<MLContext, IEstimator<ITransformer>> trainer) => new(name, "accuracy", trainer, (ml, estimator) =>
    {
        var model = estimator.Fit(ml.Data.LoadFromEnumerable(BinaryPoints(1000, shift)));
        return ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(ml.Data.LoadFromEnumerable(BinaryPoints(500, shift, seed: 123)))).Accuracy;
    });

    private static Case Multiclass(string name, Func<MLContext, IEstimator<ITransformer>> trainer) => new(name, "micro-accuracy", trainer, (ml, estimator) =>
    {
        var model = ml.Transforms.Conversion.MapValueToKey(nameof(MulticlassPoint.Label)).Append(estimator).Fit(ml.Data.LoadFromEnumerable(MulticlassPoints(1000)));
        return ml.MulticlassClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(MulticlassPoints(500, seed: 123)))).MicroAccuracy;
    });

    /// <summary>The regression samples' data: a label uniform in [0, 1), and 50 features each the label plus uniform noise.</summary>
    public static IEnumerable<RegressionPoint> RegressionPoints(int count, int seed = 0)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            float label = (float)random.NextDouble();
            yield return new RegressionPoint { Label = label, Features = Enumerable.Repeat(label, 50).Select(x => x + (float)random.NextDouble()).ToArray() };
        }
    }

    /// <summary>
    /// The binary samples' data: a fair coin for the label, and 50 uniform features, those of a negative
    /// row shifted up by <paramref name="shift"/> (0.1 in the linear samples, 0.03 in the SDCA, SGD and tree ones).
    /// </summary>
    public static IEnumerable<BinaryPoint> BinaryPoints(int count, float shift, int seed = 0)
    {
        var random = new Random(seed);
        float randomFloat() => (float)random.NextDouble();
        for (int i = 0; i < count; i++)
        {
            bool label = randomFloat() > 0.5f;
            yield return new BinaryPoint { Label = label, Features = Enumerable.Repeat(label, 50).Select(x => x ? randomFloat() : randomFloat() + shift).ToArray() };
        }
    }

    /// <summary>
    /// The binary GAM sample's data: two centred uniform features, and a label from a parabola in the first
    /// plus a step in the second plus noise, through a sigmoid (a non-linear problem).
    /// </summary>
    public static IEnumerable<GamPoint> GamPoints(int count, int seed = 1)
    {
        var random = new Random(seed);
        float centredFloat() => (float)(random.NextDouble() - 0.5);
        for (int i = 0; i < count; i++)
        {
            var point = new GamPoint { Features = [centredFloat(), centredFloat()] };
            float x = point.Features[0], step = point.Features[1] is >= 0 and < 0.25f ? 1 : 0;
            point.Label = 1 / (1 + Math.Exp(-(x * x + step + centredFloat()))) > 0.5;
            yield return point;
        }
    }

    /// <summary>The multiclass samples' data: a class of 1 to 3, and 20 features each centred uniform noise plus 0.2 times the class.</summary>
    public static IEnumerable<MulticlassPoint> MulticlassPoints(int count, int seed = 0)
    {
        var random = new Random(seed);
        float randomFloat() => (float)(random.NextDouble() - 0.5);
        for (int i = 0; i < count; i++)
        {
            int label = random.Next(1, 4);
            yield return new MulticlassPoint { Label = (uint)label, Features = Enumerable.Repeat(label, 20).Select(x => randomFloat() + label * 0.2f).ToArray() };
        }
    }

    public sealed class RegressionPoint
    {
        public float Label { get; set; }

        [VectorType(50)]
        public float[] Features { get; set; } = [];
    }

    public sealed class BinaryPoint
    {
        public bool Label { get; set; }

        [VectorType(50)]
        public float[] Features { get; set; } = [];
    }

    public sealed class GamPoint
    {
        public bool Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }

    public sealed class MulticlassPoint
    {
        public uint Label { get; set; }

        [VectorType(20)]
        public float[] Features { get; set; } = [];
    }
}
