using MLNet.DeepTrainers.Transforms;
using MLNet.DeepTrainers.Data;
namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// Expected values from eng/golden/evaluation_metrics.py on the rows [[1, 10], [2, 20], [4, 0], [5, 30]]:
/// scikit-learn's StandardScaler and MinMaxScaler, numpy for the fixZero forms, scipy's norm.cdf for useCdf.
/// </summary>
public class NormalizerTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Rows() => _ml.Data.LoadFromEnumerable(new[]
    {
        new VectorRow { Features = [1, 10] }, new VectorRow { Features = [2, 20] },
        new VectorRow { Features = [4, 0] }, new VectorRow { Features = [5, 30] },
    });

    private double[][] Normalized(Func<IDataView, IDataView> transform) =>
        _ml.Data.CreateEnumerable<VectorRow>(transform(Rows()), false).Select(r => r.Features.Select(v => (double)v).ToArray()).ToArray();

    private static void AssertClose(double[][] expected, double[][] actual)
    {
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < expected[r].Length; c++)
                Assert.Equal(expected[r][c], actual[r][c], 5e-7 * Math.Max(1, Math.Abs(expected[r][c])));
    }

    [Fact]
    public void MeanVariance_without_fixZero_is_scikit_learns_StandardScaler()
    {
        double[][] standard = [[-1.2649110640673518, -0.4472135954999579], [-0.6324555320336759, 0.4472135954999579], [0.6324555320336759, -1.3416407864998738], [1.2649110640673518, 1.3416407864998738]];
        AssertClose(standard, Normalized(d => _ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(d).Transform(d)));
    }

    [Fact]
    public void MeanVariance_with_fixZero_divides_by_the_root_mean_square_as_MLNET()
    {
        double[][] rms = [[0.29488391230979427, 0.5345224838248488], [0.5897678246195885, 1.0690449676496976], [1.179535649239177, 0.0], [1.4744195615489712, 1.6035674514745462]];
        AssertClose(rms, Normalized(d => _ml.Transforms.NormalizeMeanVariance("Features").Fit(d).Transform(d)));
    }

    [Fact]
    public void MeanVariance_with_cdf_is_the_normal_cdf_of_the_z_score()
    {
        double[][] cdf = [[0.1029516053660342, 0.32736042300928847], [0.26354462843276905, 0.6726395769907115], [0.736455371567231, 0.08985624743949988], [0.8970483946339658, 0.9101437525605001]];
        AssertClose(cdf, Normalized(d => _ml.Transforms.NormalizeMeanVariance("Features", useCdf: true).Fit(d).Transform(d)));
    }

    [Fact]
    public void MinMax_maps_to_unit_range_or_by_max_abs_with_fixZero()
    {
        double[][] minMax = [[0.0, 0.3333333333333333], [0.25, 0.6666666666666666], [0.75, 0.0], [1.0, 1.0]];
        double[][] maxAbs = [[0.2, 0.3333333333333333], [0.4, 0.6666666666666666], [0.8, 0.0], [1.0, 1.0]];
        AssertClose(minMax, Normalized(d => _ml.Transforms.NormalizeMinMax("Features", fixZero: false).Fit(d).Transform(d)));
        AssertClose(maxAbs, Normalized(d => _ml.Transforms.NormalizeMinMax("Features").Fit(d).Transform(d)));
    }

    [Fact]
    public void A_constant_slot_maps_to_zero_and_NaN_stays_NaN()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = [3, 1] }, new VectorRow { Features = [3, float.NaN] }, new VectorRow { Features = [3, 3] } });
        var output = _ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(data).Transform(data);
        var rows = _ml.Data.CreateEnumerable<VectorRow>(output, false).ToList();

        Assert.All(rows, r => Assert.Equal(0f, r.Features[0]));
        Assert.True(float.IsNaN(rows[1].Features[1]));
        Assert.Equal(-1f, rows[0].Features[1], 1e-6f);
    }

    [Fact]
    public void A_normalizer_refuses_non_Single_input()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new AllTypes { Vector = [1, 2, 3] } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.NormalizeMinMax("Double").Fit(data));
        Assert.Contains("'Double'", error.Message);
        Assert.Contains("ConvertType", error.Message);
    }

    private sealed class Scalar
    {
        public float Value { get; set; }
    }

    [Fact]
    public void Binning_with_more_distinct_values_than_bins_puts_equally_many_in_each()
    {
        // By hand: 1..100 in 4 bins of 25 values each, bounds midway between 25|26, 50|51 and 75|76.
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(1, 100).Select(i => new Scalar { Value = i }).ToList());
        var binning = (NormalizingTransformer)_ml.Transforms.NormalizeBinning("Value", maximumBinCount: 4, fixZero: false).Fit(data);
        var parameters = (NormalizingTransformer.BinNormalizerModelParameters<float>)binning.GetNormalizerModelParameters(0);
        Assert.Equal([25.5f, 50.5f, 75.5f, float.PositiveInfinity], parameters.UpperBounds.ToArray());
        var values = binning.Transform(data).GetColumn<float>("Value").ToArray();
        Assert.All(values.GroupBy(v => v), bin => Assert.Equal(25, bin.Count()));
        Assert.Equal([0f, 1 / 3f, 2 / 3f, 1f], values.Distinct().Order());
    }

    [Fact]
    public void Binning_keeps_equal_values_in_one_bin()
    {
        // By hand: ten values, six of them 1, in 3 bins: the six ones fill the first bin; of the
        // cumulative counts 7, 8, 9 left after it, 7 is nearest the second third (6.67).
        var data = _ml.Data.LoadFromEnumerable(new float[] { 1, 1, 1, 1, 1, 1, 2, 3, 4, 5 }.Select(v => new Scalar { Value = v }).ToList());
        var binning = (NormalizingTransformer)_ml.Transforms.NormalizeBinning("Value", maximumBinCount: 3).Fit(data);
        var parameters = (NormalizingTransformer.BinNormalizerModelParameters<float>)binning.GetNormalizerModelParameters(0);
        Assert.Equal([1.5f, 2.5f, float.PositiveInfinity], parameters.UpperBounds.ToArray());
        Assert.Equal(0f, parameters.Offset); // 0 falls in the first bin: no shift is needed to keep it at 0
    }

    [Fact]
    public void LpNorm_divides_each_row_by_its_norm()
    {
        // By hand, for the row (3, -4): L2 5, L1 7, max |x| 4, standard deviation of (3, -4) about its mean -0.5 is 3.5.
        var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = [3, -4] }, new VectorRow { Features = [0, 0] } });
        // Rows multiply by 1 / norm, as ML.NET does: equal to the division to float rounding.
        double[] Row(LpNormNormalizingEstimatorBase.NormFunction norm, bool zeroMean) =>
            [.. _ml.Transforms.NormalizeLpNorm("Features", norm: norm, ensureZeroMean: zeroMean).Fit(data).Transform(data).GetColumn<float[]>("Features").First().Select(v => Math.Round(v, 6))];
        Assert.Equal([0.6, -0.8], Row(LpNormNormalizingEstimatorBase.NormFunction.L2, false));
        Assert.Equal([Math.Round(3 / 7.0, 6), Math.Round(-4 / 7.0, 6)], Row(LpNormNormalizingEstimatorBase.NormFunction.L1, false));
        Assert.Equal([0.75, -1], Row(LpNormNormalizingEstimatorBase.NormFunction.Infinity, false));
        Assert.Equal([1, -1], Row(LpNormNormalizingEstimatorBase.NormFunction.StandardDeviation, true));
        // A zero row stays zero rather than becoming NaN.
        Assert.Equal([0f, 0f], _ml.Transforms.NormalizeLpNorm("Features").Fit(data).Transform(data).GetColumn<float[]>("Features").Last());
    }

    private sealed class ThreeColumns
    {
        [VectorType(2)] public float[] A { get; set; } = [];
        public float B { get; set; }
        [VectorType(2)] public float[] C { get; set; } = [];
    }

    [Fact]
    public void Every_normalizer_saves_and_loads_to_the_same_outputs_and_parameters()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new ThreeColumns { A = [i % 7 - 3, i * 0.5f], B = i % 5 + 1, C = [i % 3, 10 - i] }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var pipeline = _ml.Transforms.NormalizeMinMax(new[] { new InputOutputColumnPair("A1", "A"), new InputOutputColumnPair("B1", "B") }, fixZero: false)
            .Append(_ml.Transforms.NormalizeMeanVariance(new[] { new InputOutputColumnPair("A2", "A"), new InputOutputColumnPair("C2", "C") }, useCdf: true))
            .Append(_ml.Transforms.NormalizeLogMeanVariance("B3", "B"))
            .Append(_ml.Transforms.NormalizeBinning(new[] { new InputOutputColumnPair("A4", "A"), new InputOutputColumnPair("B4", "B") }, maximumBinCount: 3))
            .Append(_ml.Transforms.NormalizeLpNorm("C5", "C", ensureZeroMean: true));
        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = _ml.Model.Load(stream, out _);

        var before = model.Transform(data);
        var after = loaded.Transform(data);
        foreach (var name in new[] { "A1", "A2", "C2", "A4", "C5" })
            Assert.Equal(before.GetColumn<float[]>(name).SelectMany(v => v), after.GetColumn<float[]>(name).SelectMany(v => v));
        foreach (var name in new[] { "B1", "B3", "B4" })
            Assert.Equal(before.GetColumn<float>(name), after.GetColumn<float>(name));
        var binsBefore = (NormalizingTransformer.BinNormalizerModelParameters<float>)((NormalizingTransformer)model.ElementAt(3)).GetNormalizerModelParameters(1);
        var binsAfter = (NormalizingTransformer.BinNormalizerModelParameters<float>)((NormalizingTransformer)((IEnumerable<ITransformer>)loaded).ElementAt(3)).GetNormalizerModelParameters(1);
        Assert.Equal(binsBefore.UpperBounds.ToArray(), binsAfter.UpperBounds.ToArray());
        Assert.Equal(binsBefore.Offset, binsAfter.Offset);
    }
}
