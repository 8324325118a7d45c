using System.Globalization;
using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>
/// ML.NET's IndicateMissingValues and ReplaceMissingValues documentation samples (and their MultiColumn
/// forms), done as each sample does them, asserting the lines it prints. The samples print with
/// string.Join under en-US, where infinity is "∞".
/// </summary>
public class MissingValueSamples
{
    private static string Join<T>(IEnumerable<T> values) =>
        string.Join(", ", values.Select(v => v is float f ? f.ToString(CultureInfo.InvariantCulture).Replace("Infinity", "∞") : $"{v}"));

    private class DataPoint
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
    }

    private sealed class Indicated : DataPoint
    {
        public bool[] MissingIndicator { get; set; } = [];
    }

    private sealed class Replaced : DataPoint
    {
        [VectorType(3)] public float[] MissingReplaced { get; set; } = [];
    }

    [Fact]
    public void IndicateMissingValues()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new List<DataPoint>
        {
            new() { Features = [1, 1, 0] },
            new() { Features = [0, float.NaN, 1] },
            new() { Features = [-1, float.NaN, -3] },
        });
        var transformedData = ml.Transforms.IndicateMissingValues("MissingIndicator", "Features").Fit(data).Transform(data);
        var rows = ml.Data.CreateEnumerable<Indicated>(transformedData, reuseRowObject: false)
            .Select(row => "Features: [" + Join(row.Features) + "]\t MissingIndicator: [" + Join(row.MissingIndicator) + "]");
        Assert.Equal([
            "Features: [1, 1, 0]\t MissingIndicator: [False, False, False]",
            "Features: [0, NaN, 1]\t MissingIndicator: [False, True, False]",
            "Features: [-1, NaN, -3]\t MissingIndicator: [False, True, False]"], rows);
    }

    [Fact]
    public void ReplaceMissingValues()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new List<DataPoint>
        {
            new() { Features = [float.PositiveInfinity, 1, 0] },
            new() { Features = [0, float.NaN, 1] },
            new() { Features = [-1, 2, -3] },
            new() { Features = [-1, float.NaN, -3] },
        });
        IEnumerable<string> Rows(MissingValueReplacingEstimator.ReplacementMode mode) =>
            ml.Data.CreateEnumerable<Replaced>(ml.Transforms.ReplaceMissingValues("MissingReplaced", "Features", mode).Fit(data).Transform(data), reuseRowObject: false)
                .Select(row => "Features: [" + Join(row.Features) + "]\t MissingReplaced: [" + Join(row.MissingReplaced) + "]");
        Assert.Equal([
            "Features: [∞, 1, 0]\t MissingReplaced: [∞, 1, 0]",
            "Features: [0, NaN, 1]\t MissingReplaced: [0, 0, 1]",
            "Features: [-1, 2, -3]\t MissingReplaced: [-1, 2, -3]",
            "Features: [-1, NaN, -3]\t MissingReplaced: [-1, 0, -3]"], Rows(MissingValueReplacingEstimator.ReplacementMode.DefaultValue));
        Assert.Equal([
            "Features: [∞, 1, 0]\t MissingReplaced: [∞, 1, 0]",
            "Features: [0, NaN, 1]\t MissingReplaced: [0, 1.5, 1]",
            "Features: [-1, 2, -3]\t MissingReplaced: [-1, 2, -3]",
            "Features: [-1, NaN, -3]\t MissingReplaced: [-1, 1.5, -3]"], Rows(MissingValueReplacingEstimator.ReplacementMode.Mean));
    }

    private class TwoVectors
    {
        [VectorType(3)] public float[] Features1 { get; set; } = [];
        [VectorType(2)] public float[] Features2 { get; set; } = [];
    }

    private sealed class TwoIndicated : TwoVectors
    {
        public bool[] MissingIndicator1 { get; set; } = [];
        public bool[] MissingIndicator2 { get; set; } = [];
    }

    private sealed class TwoReplaced : TwoVectors
    {
        [VectorType(3)] public float[] MissingReplaced1 { get; set; } = [];
        [VectorType(2)] public float[] MissingReplaced2 { get; set; } = [];
    }

    [Fact]
    public void IndicateMissingValuesMultiColumn()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new List<TwoVectors>
        {
            new() { Features1 = [1, 1, 0], Features2 = [1, 1] },
            new() { Features1 = [0, float.NaN, 1], Features2 = [float.NaN, 1] },
            new() { Features1 = [-1, float.NaN, -3], Features2 = [1, float.PositiveInfinity] },
        });
        var pipeline = ml.Transforms.IndicateMissingValues(new[] { new InputOutputColumnPair("MissingIndicator1", "Features1"), new InputOutputColumnPair("MissingIndicator2", "Features2") });
        var rows = ml.Data.CreateEnumerable<TwoIndicated>(pipeline.Fit(data).Transform(data), reuseRowObject: false)
            .Select(row => "Features1: [" + Join(row.Features1) + "]\t MissingIndicator1: [" + Join(row.MissingIndicator1) + "]\t Features2: [" + Join(row.Features2) + "]\t MissingIndicator2: [" + Join(row.MissingIndicator2) + "]");
        Assert.Equal([
            "Features1: [1, 1, 0]\t MissingIndicator1: [False, False, False]\t Features2: [1, 1]\t MissingIndicator2: [False, False]",
            "Features1: [0, NaN, 1]\t MissingIndicator1: [False, True, False]\t Features2: [NaN, 1]\t MissingIndicator2: [True, False]",
            "Features1: [-1, NaN, -3]\t MissingIndicator1: [False, True, False]\t Features2: [1, ∞]\t MissingIndicator2: [False, False]"], rows);
    }

    [Fact]
    public void ReplaceMissingValuesMultiColumn()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new List<TwoVectors>
        {
            new() { Features1 = [1, 1, 0], Features2 = [1, 1] },
            new() { Features1 = [0, float.NaN, 1], Features2 = [0, 1] },
            new() { Features1 = [-1, float.NaN, -3], Features2 = [-1, float.NaN] },
            new() { Features1 = [-1, 6, -3], Features2 = [0, float.PositiveInfinity] },
        });
        var columns = new[] { new InputOutputColumnPair("MissingReplaced1", "Features1"), new InputOutputColumnPair("MissingReplaced2", "Features2") };
        IEnumerable<string> Rows(MissingValueReplacingEstimator.ReplacementMode mode) =>
            ml.Data.CreateEnumerable<TwoReplaced>(ml.Transforms.ReplaceMissingValues(columns, mode).Fit(data).Transform(data), reuseRowObject: false)
                .Select(row => $"[{Join(row.MissingReplaced1)}] [{Join(row.MissingReplaced2)}]");
        Assert.Equal(["[1, 1, 0] [1, 1]", "[0, 0, 1] [0, 1]", "[-1, 0, -3] [-1, 0]", "[-1, 6, -3] [0, ∞]"], Rows(MissingValueReplacingEstimator.ReplacementMode.DefaultValue));
        Assert.Equal(["[1, 1, 0] [1, 1]", "[0, 3.5, 1] [0, 1]", "[-1, 3.5, -3] [-1, 1]", "[-1, 6, -3] [0, ∞]"], Rows(MissingValueReplacingEstimator.ReplacementMode.Mean));
    }
}
