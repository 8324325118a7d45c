using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.Onnx;

/// <summary>
/// Pipelines exported to ONNX and scored by onnxruntime (npm's onnxruntime-node), each file also passed
/// by the ONNX checker: networks must agree to 1e-5, trees and transforms to float rounding.
/// </summary>
public class OnnxExportTests
{
    private readonly MLContext _ml = new(seed: 4);

    public sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
        public int Count { get; set; }
        public bool Flag { get; set; }
        public string Name { get; set; } = "";
        [VectorType(4)] public float[] More { get; set; } = [];
        public float Label { get; set; }
        public bool Positive { get; set; }
        public uint Class { get; set; }
    }

    /// <summary>Rows with a learnable label, NaN in some values of B (trees send them a learned way), positive A for the log normalizer.</summary>
    private IDataView Rows(int count, bool missing = false)
    {
        var random = new Random(17);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i =>
        {
            float a = random.NextSingle() * 4 + 0.1f, b = random.NextSingle() * 2 - 1;
            var more = Enumerable.Range(0, 4).Select(_ => random.NextSingle()).ToArray();
            float label = a * 2 - b * 3 + more[0] + (float)Math.Sin(i);
            return new Row
            {
                A = a,
                B = missing && i % 7 == 0 ? float.NaN : b,
                Count = i % 13,
                Flag = i % 3 == 0,
                // Empty text is missing to keys and hashes; accented text tests UTF-8 hashing.
                Name = i % 11 == 0 ? "" : i % 5 == 0 ? $"café {i % 4}" : $"row {i}",
                More = more,
                Label = label,
                Positive = label > 4,
                Class = (uint)(label < 2 ? 0 : label < 6 ? 1 : 2),
            };
        }).ToList());
    }

    private IEstimator<ITransformer> Features() => _ml.Transforms.Conversion.ConvertType("CountF", "Count")
        .Append(_ml.Transforms.Conversion.ConvertType("FlagF", "Flag"))
        .Append(_ml.Transforms.Concatenate("Features", "A", "B", "CountF", "FlagF", "More"));

    [Fact]
    public void Column_transforms_and_every_normalizer_give_onnxruntime_the_same_values()
    {
        var data = Rows(200);
        var pipeline = Features()
            .Append(_ml.Transforms.CopyColumns("Copy", "Features"))
            .Append(_ml.Transforms.NormalizeMinMax("MinMax", "Features"))
            .Append(_ml.Transforms.NormalizeMinMax("MinMaxZero", "Features", fixZero: true))
            .Append(_ml.Transforms.NormalizeMeanVariance("ZScore", "Features", fixZero: false))
            .Append(_ml.Transforms.NormalizeMeanVariance("ZScoreZero", "Features"))
            .Append(_ml.Transforms.NormalizeLogMeanVariance("LogCdf", "A"))
            .Append(_ml.Transforms.NormalizeLogMeanVariance("LogAffine", "Features", useCdf: false))
            .Append(_ml.Transforms.NormalizeBinning("Bins", "Features", maximumBinCount: 5))
            .Append(_ml.Transforms.NormalizeBinning("BinsZero", "B", fixZero: true, maximumBinCount: 4))
            .Append(_ml.Transforms.Conversion.ConvertType("CountD", "Count", DataKind.Double))
            .Append(_ml.Transforms.DropColumns("Name"));
        var model = pipeline.Fit(data);

        string checker = OnnxRuntimeCheck.Compare(_ml, model, data, 1e-6f, "Features", "Copy", "MinMax", "MinMaxZero", "ZScore", "ZScoreZero", "LogCdf", "LogAffine", "Bins", "BinsZero", "CountD");

        Assert.Contains("valid ONNX", checker);
    }

    [Fact]
    public void Key_mapping_one_hot_encoding_and_missing_values_give_onnxruntime_the_same_values()
    {
        var data = Rows(150, missing: true);
        var fitted = _ml.Transforms.Conversion.MapValueToKey("NameKey", "Name")
            .Append(_ml.Transforms.Conversion.MapValueToKey("CountKey", "Count", maximumNumberOfKeys: 8))
            .Append(_ml.Transforms.Conversion.MapValueToKey("FlagKey", "Flag"))
            .Append(_ml.Transforms.Categorical.OneHotEncoding("NameHot", "Name"))
            .Append(_ml.Transforms.Categorical.OneHotEncoding("CountHot", "Count", maximumNumberOfKeys: 5))
            .Append(_ml.Transforms.Categorical.OneHotEncoding("LabelBag", "Label", OneHotEncodingEstimator.OutputKind.Bag))
            .Append(_ml.Transforms.ReplaceMissingValues("BFilled", "B"))
            .Append(_ml.Transforms.IndicateMissingValues("BMissing", "B"))
            .Fit(Rows(100, missing: true));

        // Scored on rows the mappings were not all fitted on: unseen values must become key 0 and all-zero one-hot vectors in both.
        OnnxRuntimeCheck.Compare(_ml, fitted, data, 1e-6f, "NameKey", "CountKey", "FlagKey", "NameHot", "CountHot", "LabelBag", "BFilled", "BMissing");
    }

    [Fact]
    public void Hashing_key_values_binary_encoding_and_lp_norms_give_onnxruntime_the_same_values()
    {
        var data = Rows(150, missing: true);
        var hot = OneHotEncodingEstimator.OutputKind.Binary;
        var fitted = _ml.Transforms.Conversion.MapValueToKey("NameKey", "Name")
            .Append(_ml.Transforms.Conversion.MapValueToKey("CountKey", "Count", maximumNumberOfKeys: 8))
            .Append(_ml.Transforms.Conversion.MapValueToKey("FlagKey", "Flag"))
            .Append(_ml.Transforms.Conversion.MapValueToKey("BKey", "B", maximumNumberOfKeys: 20))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("NameBack", "NameKey"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("CountBack", "CountKey"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("FlagBack", "FlagKey"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("BBack", "BKey"))
            .Append(_ml.Transforms.Conversion.ConvertType("CountKeyNumber", "CountKey"))
            .Append(_ml.Transforms.Conversion.Hash("NameHash", "Name", numberOfBits: 10))
            .Append(_ml.Transforms.Conversion.Hash(new HashingEstimator.ColumnOptions("CountHash", "Count", numberOfBits: 5, seed: 7)))
            .Append(_ml.Transforms.Conversion.Hash("BHash", "B", numberOfBits: 12))
            .Append(_ml.Transforms.Conversion.Hash("FlagHash", "Flag", numberOfBits: 3))
            .Append(_ml.Transforms.Conversion.Hash("KeyHash", "CountKey", numberOfBits: 6))
            .Append(_ml.Transforms.Conversion.Hash("MoreHash", "More", numberOfBits: 8))
            .Append(_ml.Transforms.Conversion.Hash(new HashingEstimator.ColumnOptions("AOrdered", "A", numberOfBits: 9, useOrderedHashing: true)))
            .Append(_ml.Transforms.Categorical.OneHotHashEncoding("NameHashHot", "Name", numberOfBits: 4))
            .Append(_ml.Transforms.Categorical.OneHotHashEncoding("MoreHashBag", "More", OneHotEncodingEstimator.OutputKind.Bag, numberOfBits: 3))
            .Append(_ml.Transforms.Categorical.OneHotHashEncoding("CountHashBinary", "Count", hot, numberOfBits: 3))
            .Append(_ml.Transforms.Categorical.OneHotEncoding("NameBinary", "Name", hot))
            .Append(_ml.Transforms.Categorical.OneHotHashEncoding("MoreHot", "More", numberOfBits: 2))
            .Append(_ml.Transforms.NormalizeLpNorm("L2", "More"))
            .Append(_ml.Transforms.NormalizeLpNorm("L1Centred", "More", LpNormNormalizingEstimatorBase.NormFunction.L1, ensureZeroMean: true))
            .Append(_ml.Transforms.NormalizeLpNorm("Deviation", "More", LpNormNormalizingEstimatorBase.NormFunction.StandardDeviation, ensureZeroMean: true))
            .Append(_ml.Transforms.NormalizeLpNorm("Largest", "More", LpNormNormalizingEstimatorBase.NormFunction.Infinity))
            .Fit(Rows(100, missing: true));

        // Scored on rows the keys were not all fitted on: unseen values, empty text and NaN must agree too.
        string checker = OnnxRuntimeCheck.Compare(_ml, fitted, data, 1e-6f, "NameBack", "CountBack", "FlagBack", "BBack", "CountKeyNumber", "NameHash", "CountHash", "BHash",
            "FlagHash", "KeyHash", "MoreHash", "AOrdered", "NameHashHot", "MoreHashBag", "CountHashBinary", "NameBinary", "MoreHot", "L2", "L1Centred", "Deviation", "Largest");

        Assert.Contains("valid ONNX", checker);
    }

    [Fact]
    public void A_regression_MLP_after_z_scoring_gives_the_same_scores()
    {
        var data = Rows(300);
        var model = Features().Append(_ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(_ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [16, 8], DropoutRate = 0.2f, Epochs = 5, Seed = 1 })).Fit(data);

        OnnxRuntimeCheck.Compare(_ml, model, data, 1e-5f, "Score");
    }

    [Fact]
    public void A_binary_network_gives_the_same_score_probability_and_label()
    {
        var data = Rows(300);
        var layers = new Layer[] { new Dense(12, ActivationKind.Tanh), new BatchNormalization(), new Dense(8, ActivationKind.ELU), new LeakyReLU(0.1f), new Dense(6, ActivationKind.Swish), new Dense(1) };
        var model = Features().Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Append(_ml.BinaryClassification.Trainers.Sequential(new SequentialOptions { LabelColumnName = "Positive", Layers = layers, Epochs = 5, Seed = 2 })).Fit(data);

        OnnxRuntimeCheck.Compare(_ml, model, data, 1e-5f, "Score", "Probability", "PredictedLabel");
    }

    public sealed class Image
    {
        [VectorType(2, 8, 8)] public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    [Fact]
    public void A_multiclass_convnet_with_every_layer_kind_gives_the_same_probabilities_and_class()
    {
        var random = new Random(5);
        var images = Enumerable.Range(0, 120).Select(i =>
        {
            var pixels = Enumerable.Range(0, 128).Select(_ => random.NextSingle()).ToArray();
            return new Image { Features = pixels, Label = (uint)(pixels[..64].Sum() > pixels[64..].Sum() ? 1 : pixels[0] > 0.5f ? 2 : 3) };
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(images);
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        Layer[] layers =
        [
            new Conv2D(4, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.ReLU), new BatchNormalization(), new Conv2D(4, 2, activation: ActivationKind.GELU),
            new MaxPooling2D(2), new PReLU(), new Reshape([4, 1, 1]), new Conv2D(3, 1, activation: ActivationKind.Sigmoid), new GlobalAveragePooling2D(),
            new Dropout(0.3f), new Dense(5, ActivationKind.ReLU), new Dense(3, ActivationKind.Softmax),
        ];
        var model = _ml.MulticlassClassification.Trainers.Sequential(new SequentialOptions { Layers = layers, Epochs = 3, BatchSize = 16, Seed = 3 }).Fit(keyed);

        OnnxRuntimeCheck.Compare(_ml, model, keyed, 1e-5f, "Score", "PredictedLabel");
    }

    [Fact]
    public void An_average_pooling_network_gives_the_same_scores()
    {
        var random = new Random(8);
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 64).Select(i => new Image { Features = Enumerable.Range(0, 128).Select(_ => random.NextSingle()).ToArray(), Label = (uint)(i % 2) }).ToList());
        var model = _ml.Regression.Trainers.Sequential(new SequentialOptions
        {
            LabelColumnName = "LabelF",
            Layers = [new AveragePooling2D(2), new Flatten(), new Dense(1)],
            Epochs = 2,
            Seed = 4,
        });
        var fitted = _ml.Transforms.Conversion.ConvertType("LabelF", "Label").Append(model).Fit(data);

        OnnxRuntimeCheck.Compare(_ml, fitted, data, 1e-5f, "Score");
    }

    [Fact]
    public void Tree_ensembles_give_the_same_outputs_missing_values_included()
    {
        var data = Rows(400, missing: true);
        var features = Features().Fit(data);
        var featurized = features.Transform(data);
        var keyed = _ml.Transforms.Conversion.MapValueToKey("ClassKey", "Class").Fit(featurized).Transform(featurized);

        var trees = new (string Name, ITransformer Model, IDataView Data, string[] Columns)[]
        {
            ("FastTree regression", _ml.Regression.Trainers.FastTree(numberOfTrees: 30).Fit(featurized), featurized, ["Score"]),
            ("FastForest regression", _ml.Regression.Trainers.FastForest(numberOfTrees: 10).Fit(featurized), featurized, ["Score"]),
            ("FastTree binary", _ml.BinaryClassification.Trainers.FastTree("Positive", numberOfTrees: 30).Fit(featurized), featurized, ["Score", "Probability", "PredictedLabel"]),
            ("FastForest binary", _ml.BinaryClassification.Trainers.FastForest("Positive", numberOfTrees: 10).Fit(featurized), featurized, ["Score", "Probability", "PredictedLabel"]),
            ("FastTree multiclass", _ml.MulticlassClassification.Trainers.FastTree("ClassKey", numberOfTrees: 10).Fit(keyed), keyed, ["Score", "PredictedLabel"]),
        };
        foreach (var (_, model, input, columns) in trees)
            OnnxRuntimeCheck.Compare(_ml, model, input, 1e-5f, columns);
        // The whole pipeline, transforms and trees together.
        var whole = Features().Append(_ml.Regression.Trainers.FastTree(numberOfTrees: 20)).Fit(data);
        OnnxRuntimeCheck.Compare(_ml, whole, data, 1e-5f, "Score", "Features");
    }

    [Fact]
    public void A_stage_that_cannot_be_exported_is_named_before_anything_is_written()
    {
        var data = Rows(20);
        var model = Features().Append(_ml.Transforms.CustomMapping<Row, Doubled>((row, doubled) => doubled.Twice = row.A * 2, "double")).Fit(data);
        var stream = new MemoryStream();

        var error = Assert.Throws<NotSupportedException>(() => _ml.Model.ConvertToOnnx(model, data, stream));

        Assert.Contains("Stage 3", error.Message);
        Assert.Contains("CustomMappingTransformer", error.Message);
        Assert.Contains("C# code", error.Message);
        Assert.Equal(0, stream.Length);
        Assert.Contains("'Nope' is not in the pipeline's output", Assert.Throws<ArgumentException>(() => _ml.Model.ConvertToOnnx(Features().Fit(data), data, stream, "Nope")).Message);
        Assert.Equal(0, stream.Length);
    }

    public sealed class Doubled
    {
        public float Twice { get; set; }
    }
}
