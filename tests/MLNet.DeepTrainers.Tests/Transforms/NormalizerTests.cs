
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
}
