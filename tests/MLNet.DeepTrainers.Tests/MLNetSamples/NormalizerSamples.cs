using System.Collections.Immutable;
using System.Globalization;
using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;
using static MLNet.DeepTrainers.Transforms.NormalizingTransformer;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>
/// ML.NET's normalizer documentation samples (docs/samples/Microsoft.ML.Samples/Dynamic/Transforms/Normalize*.cs),
/// done as each sample does them, asserting what it prints. The samples print with "f4" (and
/// .NET Framework's 7 significant digits for huge values), so rows are compared to that precision; CDF
/// outputs to 2e-4, because ML.NET approximates erf to about 1e-4 where this library computes it exactly.
/// </summary>
public class NormalizerSamples
{
    private sealed class DataPoint4
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
    }

    private sealed class DataPoint5
    {
        [VectorType(5)] public float[] Features { get; set; } = [];
    }

    private static IDataView Four(MLContext ml, params float[][] rows) => ml.Data.LoadFromEnumerable(rows.Select(r => new DataPoint4 { Features = r }).ToList());

    private static IDataView Five(MLContext ml) => ml.Data.LoadFromEnumerable(new float[][]
    {
        [1, 1, 3, 0, float.MaxValue],
        [2, 2, 2, 0, float.MinValue],
        [0, 0, 1, 0, 0],
        [-1, -1, -1, 1, 1],
    }.Select(r => new DataPoint5 { Features = r }).ToList());

    private static readonly float[][] Standard = [[1, 1, 3, 0], [2, 2, 2, 0], [0, 0, 1, 0], [-1, -1, -1, 1]];

    // Each expected row as the sample prints it ("0.6667, 0.6667, 1.0000, 0.0000").
    private static void AssertRows(string[] expected, IDataView data, string column, double tolerance)
    {
        var actual = data.GetColumn<float[]>(column).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int r = 0; r < expected.Length; r++)
        {
            var values = expected[r].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(values.Length, actual[r].Length);
            for (int i = 0; i < values.Length; i++)
                Assert.True(Math.Abs(values[i] - actual[r][i]) <= tolerance * Math.Max(1, Math.Abs(values[i])),
                    $"row {r}, slot {i}: ML.NET prints {values[i]}, this library gives {actual[r][i]}");
        }
    }

    private const double F4 = 5e-5;
    private const double Cdf = 2e-4;

    private static string G7(float x) => x.ToString("G7", CultureInfo.InvariantCulture);

    [Fact]
    public void NormalizeMinMax()
    {
        var ml = new MLContext();
        var data = Four(ml, Standard);
        var normalizeTransform = ml.Transforms.NormalizeMinMax("Features", fixZero: false).Fit(data);
        AssertRows(["0.6667, 0.6667, 1.0000, 0.0000", "1.0000, 1.0000, 0.7500, 0.0000", "0.3333, 0.3333, 0.5000, 0.0000", "0.0000, 0.0000, 0.0000, 1.0000"],
            normalizeTransform.Transform(data), "Features", F4);
        AssertRows(["0.5000, 0.5000, 1.0000, 0.0000", "1.0000, 1.0000, 0.6667, 0.0000", "0.0000, 0.0000, 0.3333, 0.0000", "-0.5000,-0.5000,-0.3333, 1.0000"],
            ml.Transforms.NormalizeMinMax("Features", fixZero: true).Fit(data).Transform(data), "Features", F4);

        var transformParams = normalizeTransform.GetNormalizerModelParameters(0) as AffineNormalizerModelParameters<ImmutableArray<float>>;
        Assert.NotNull(transformParams);
        Assert.Equal(" y = (x - (-1)) * 0.3333333", " y = (x - (" + G7(transformParams.Offset.Length == 0 ? 0 : transformParams.Offset[1]) + ")) * " + G7(transformParams.Scale[1]));
    }

    private sealed class TwoColumns
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        [VectorType(3)] public float[] Features2 { get; set; } = [];
    }

    [Fact]
    public void NormalizeMinMaxMulticolumn()
    {
        var ml = new MLContext();
        float[][] second = [[1, 2, 3], [3, 4, 5], [6, 7, 8], [9, 0, 4]];
        var data = ml.Data.LoadFromEnumerable(Standard.Select((r, i) => new TwoColumns { Features = r, Features2 = second[i] }).ToList());
        var columnPair = new[] { new InputOutputColumnPair("Features"), new InputOutputColumnPair("Features2") };
        var normalizeTransform = ml.Transforms.NormalizeMinMax(columnPair, fixZero: false).Fit(data);
        var transformed = normalizeTransform.Transform(data);
        AssertRows(["0.6667, 0.6667, 1.0000, 0.0000", "1.0000, 1.0000, 0.7500, 0.0000", "0.3333, 0.3333, 0.5000, 0.0000", "0.0000, 0.0000, 0.0000, 1.0000"], transformed, "Features", F4);
        AssertRows(["0.0000, 0.2857, 0.0000", "0.2500, 0.5714, 0.4000", "0.6250, 1.0000, 1.0000", "1.0000, 0.0000, 0.2000"], transformed, "Features2", F4);
        var fixZero = ml.Transforms.NormalizeMinMax(columnPair, fixZero: true).Fit(data).Transform(data);
        AssertRows(["0.5000, 0.5000, 1.0000, 0.0000", "1.0000, 1.0000, 0.6667, 0.0000", "0.0000, 0.0000, 0.3333, 0.0000", "-0.5000, -0.5000, -0.3333, 1.0000"], fixZero, "Features", F4);
        AssertRows(["0.1111, 0.2857, 0.3750", "0.3333, 0.5714, 0.6250", "0.6667, 1.0000, 1.0000", "1.0000, 0.0000, 0.5000"], fixZero, "Features2", F4);

        var transformParams = (AffineNormalizerModelParameters<ImmutableArray<float>>)normalizeTransform.GetNormalizerModelParameters(0);
        Assert.IsType<AffineNormalizerModelParameters<ImmutableArray<float>>>(normalizeTransform.GetNormalizerModelParameters(1));
        Assert.Equal(" y = (x - (-1)) * 0.3333333", " y = (x - (" + G7(transformParams.Offset.Length == 0 ? 0 : transformParams.Offset[1]) + ")) * " + G7(transformParams.Scale[1]));
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => normalizeTransform.GetNormalizerModelParameters(2));
        Assert.Contains("from 0 (inclusive) to 2 (exclusive) but got 2", outOfRange.Message);
    }

    [Fact]
    public void NormalizeMeanVariance()
    {
        var ml = new MLContext();
        var data = Four(ml, Standard);
        var normalizeTransform = ml.Transforms.NormalizeMeanVariance("Features", useCdf: true).Fit(data);
        AssertRows(["0.6726, 0.6726, 0.8816, 0.2819", "0.9101, 0.9101, 0.6939, 0.2819", "0.3274, 0.3274, 0.4329, 0.2819", "0.0899, 0.0899, 0.0641, 0.9584"],
            normalizeTransform.Transform(data), "Features", Cdf);
        var normalizeNoCdfTransform = ml.Transforms.NormalizeMeanVariance("Features", useCdf: false).Fit(data);
        AssertRows(["0.8165, 0.8165, 1.5492, 0.0000", "1.6330, 1.6330, 1.0328, 0.0000", "0.0000, 0.0000, 0.5164, 0.0000", "-0.8165,-0.8165,-0.5164, 2.0000"],
            normalizeNoCdfTransform.Transform(data), "Features", F4);

        var transformParams = (CdfNormalizerModelParameters<ImmutableArray<float>>)normalizeTransform.GetNormalizerModelParameters(0);
        Assert.Equal(" y = 0.5 * (1 + ERF((x - 0.5) / (1.118034 * sqrt(2)))", $" y = 0.5 * (1 + ERF((x - {G7(transformParams.Mean[1])}) / ({G7(transformParams.StandardDeviation[1])} * sqrt(2)))");
        Assert.False(transformParams.UseLog);
        var noCdfParams = (AffineNormalizerModelParameters<ImmutableArray<float>>)normalizeNoCdfTransform.GetNormalizerModelParameters(0);
        var offset = noCdfParams.Offset.Length == 0 ? 0 : noCdfParams.Offset[1];
        Assert.Equal("y = (x - (0)) * 0.8164966", $"y = (x - ({G7(offset)})) * {G7(noCdfParams.Scale[1])}");
    }

    [Fact]
    public void NormalizeLogMeanVariance()
    {
        var ml = new MLContext();
        var data = Five(ml);
        var normalizeTransform = ml.Transforms.NormalizeLogMeanVariance("Features", useCdf: true).Fit(data);
        AssertRows(["0.1587, 0.1587, 0.8654, 0.0000, 0.8413", "0.8413, 0.8413, 0.5837, 0.0000, 0.0000", "0.0000, 0.0000, 0.0940, 0.0000, 0.0000", "0.0000, 0.0000, 0.0000, 0.0000, 0.1587"],
            normalizeTransform.Transform(data), "Features", Cdf);
        var normalizeNoCdfTransform = ml.Transforms.NormalizeLogMeanVariance("Features", useCdf: false).Fit(data);
        AssertRows(["1.8854, 1.8854, 5.2970, 0.0000, 7670682000000000000000000000000000000.0000", "4.7708, 4.7708, 3.0925, 0.0000, -7670682000000000000000000000000000000.0000",
                "-1.0000,-1.0000, 0.8879, 0.0000, -1.0000", "-3.8854,-3.8854,-3.5213, 0.0000, -0.9775"],
            normalizeNoCdfTransform.Transform(data), "Features", F4);

        var transformParams = (CdfNormalizerModelParameters<ImmutableArray<float>>)normalizeTransform.GetNormalizerModelParameters(0);
        Assert.True(transformParams.UseLog);
        Assert.Equal("y = 0.5* (1 + ERF((Math.Log(x)- 0.3465736) / (0.3465736 * sqrt(2)))", "y = 0.5* (1 + ERF((Math.Log(x)- " + G7(transformParams.Mean[1]) + ") / (" + G7(transformParams.StandardDeviation[1]) + " * sqrt(2)))");
        var noCdfParams = (AffineNormalizerModelParameters<ImmutableArray<float>>)normalizeNoCdfTransform.GetNormalizerModelParameters(0);
        Assert.Equal("y = (x - (0.3465736)) * 2.88539", $"y = (x - ({G7(noCdfParams.Offset[1])})) * {G7(noCdfParams.Scale[1])}");
    }

    [Fact]
    public void NormalizeLogMeanVarianceFixZero()
    {
        var ml = new MLContext();
        var data = Five(ml);
        var normalizeTransform = ml.Transforms.NormalizeLogMeanVariance("Features", true, useCdf: true).Fit(data);
        AssertRows(["0.1587, 0.1587, 0.8654, 0.0000, 0.8413", "0.8413, 0.8413, 0.5837, 0.0000, 0.0000", "0.0000, 0.0000, 0.0940, 0.0000, 0.0000", "0.0000, 0.0000, 0.0000, 0.0000, 0.1587"],
            normalizeTransform.Transform(data), "Features", Cdf);
        var normalizeNoCdfTransform = ml.Transforms.NormalizeLogMeanVariance("Features", true, useCdf: false).Fit(data);
        AssertRows(["2.0403, 2.0403, 4.0001, 0.0000, 5423991000000000000000000000000000000.0000", "4.0806, 4.0806, 2.6667, 0.0000,-5423991000000000000000000000000000000.0000",
                "0.0000, 0.0000, 1.3334, 0.0000, 0.0000", "-2.0403,-2.0403,-1.3334, 0.0000, 0.0159"],
            normalizeNoCdfTransform.Transform(data), "Features", F4);

        var transformParams = (CdfNormalizerModelParameters<ImmutableArray<float>>)normalizeTransform.GetNormalizerModelParameters(0);
        Assert.Equal("y = 0.5 * (1 + ERF((Math.Log(x) - 0.3465736) / (0.3465736 * sqrt(2)))", $"y = 0.5 * (1 + ERF((Math.Log(x) - {G7(transformParams.Mean[1])}) / ({G7(transformParams.StandardDeviation[1])} * sqrt(2)))");
        var noCdfParams = (AffineNormalizerModelParameters<ImmutableArray<float>>)normalizeNoCdfTransform.GetNormalizerModelParameters(0);
        var offset = noCdfParams.Offset.Length == 0 ? 0 : noCdfParams.Offset[1];
        Assert.Equal("y = (x - (0)) * 2.040279", $"y = (x - ({G7(offset)})) * {G7(noCdfParams.Scale[1])}");
    }

    [Fact]
    public void NormalizeBinning()
    {
        var ml = new MLContext();
        var data = Four(ml, [8, 1, 3, 0], [6, 2, 2, 0], [4, 0, 1, 0], [2, -1, -1, 1]);
        var normalizeTransform = ml.Transforms.NormalizeBinning("Features", maximumBinCount: 4, fixZero: false).Fit(data);
        AssertRows(["1.0000, 0.6667, 1.0000, 0.0000", "0.6667, 1.0000, 0.6667, 0.0000", "0.3333, 0.3333, 0.3333, 0.0000", "0.0000, 0.0000, 0.0000, 1.0000"],
            normalizeTransform.Transform(data), "Features", F4);
        var normalizeFixZeroTransform = ml.Transforms.NormalizeBinning("Features", maximumBinCount: 4, fixZero: true).Fit(data);
        AssertRows(["1.0000, 0.3333, 1.0000, 0.0000", "0.6667, 0.6667, 0.6667, 0.0000", "0.3333, 0.0000, 0.3333, 0.0000", "0.0000, -0.3333, 0.0000, 1.0000"],
            normalizeFixZeroTransform.Transform(data), "Features", F4);

        var transformParams = (BinNormalizerModelParameters<ImmutableArray<float>>)normalizeTransform.GetNormalizerModelParameters(0);
        var offset = transformParams.Offset.Length == 0 ? 0 : transformParams.Offset[0];
        Assert.Equal("y = (Index(x) / 3) - 0", $"y = (Index(x) / {G7(transformParams.Density[0])}) - {G7(offset)}");
        Assert.Equal([3f, 5f, 7f, float.PositiveInfinity], transformParams.UpperBounds[0].ToArray());
        var fixZeroParams = (BinNormalizerModelParameters<ImmutableArray<float>>)normalizeFixZeroTransform.GetNormalizerModelParameters(0);
        Assert.Equal("y = (Index(x) / 3) - 0.3333333", $"y = (Index(x) / {G7(fixZeroParams.Density[1])}) - {G7(fixZeroParams.Offset[1])}");
        Assert.Equal([-0.5f, 0.5f, 1.5f, float.PositiveInfinity], fixZeroParams.UpperBounds[1].ToArray());
    }

    private sealed class VectorAndScalar
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Features2 { get; set; }
    }

    [Fact]
    public void NormalizeBinningMulticolumn()
    {
        var ml = new MLContext();
        float[][] rows = [[8, 1, 3, 0], [6, 2, 2, 0], [4, 0, 1, 0], [2, -1, -1, 1]];
        float[] second = [1, 4, 1, 2];
        var data = ml.Data.LoadFromEnumerable(rows.Select((r, i) => new VectorAndScalar { Features = r, Features2 = second[i] }).ToList());
        var normalize = ml.Transforms.NormalizeBinning(new[] { new InputOutputColumnPair("Features"), new InputOutputColumnPair("Features2") }, maximumBinCount: 4, fixZero: false);
        var normalizeTransform = normalize.Fit(data);
        var transformed = normalizeTransform.Transform(data);
        AssertRows(["1.0000, 0.6667, 1.0000, 0.0000", "0.6667, 1.0000, 0.6667, 0.0000", "0.3333, 0.3333, 0.3333, 0.0000", "0.0000, 0.0000, 0.0000, 1.0000"], transformed, "Features", F4);
        Assert.Equal(["0", "1", "0", "0.5"], transformed.GetColumn<float>("Features2").Select(x => x.ToString(CultureInfo.InvariantCulture)));
        // A scalar column's parameters are floats, as in ML.NET.
        var scalar = (BinNormalizerModelParameters<float>)normalizeTransform.GetNormalizerModelParameters(1);
        Assert.Equal([1.5f, 3f, float.PositiveInfinity], scalar.UpperBounds.ToArray());
        Assert.Equal(2f, scalar.Density);
    }

    [Fact]
    public void NormalizeLpNorm()
    {
        var ml = new MLContext();
        var data = Four(ml, [1, 1, 0, 0], [2, 2, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1]);
        var transformer = ml.Transforms.NormalizeLpNorm("Features", norm: LpNormNormalizingEstimatorBase.NormFunction.L1, ensureZeroMean: true).Fit(data);
        AssertRows(["0.2500,  0.2500, -0.2500, -0.2500", "0.2500,  0.2500, -0.2500, -0.2500", "0.2500, -0.2500,  0.2500, -0.2500", "-0.2500,  0.2500, -0.2500,  0.2500"],
            transformer.Transform(data), "Features", F4);
    }
}
