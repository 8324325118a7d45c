using System.Collections.Immutable;
using static MLNet.DeepTrainers.Transforms.NormalizingTransformer;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// <c>y = Φ((x - mean) / std)</c> per slot (of ln x with <paramref name="useLog"/>), the standard normal
/// CDF: mean-variance and log-mean-variance normalization with <c>useCdf</c>. A slot with no spread, and
/// a value whose logarithm is not finite (0, negative, NaN), map to 0, as in ML.NET.
/// </summary>
internal sealed class CdfColumnFunction(float[] mean, float[] standardDeviation, bool useLog) : ColumnFunction
{
    public const string Kind = "cdf";

    public override int Width => mean.Length;

    public static CdfColumnFunction Learn(SlotSample s, bool useLog)
    {
        var mean = new float[s.Width];
        var std = new float[s.Width];
        for (int i = 0; i < s.Width; i++)
        {
            if (s.M2(i) == 0)
                continue;
            mean[i] = (float)s.Mean[i];
            std[i] = (float)Math.Sqrt(s.Variance(i));
        }
        return new(mean, std, useLog);
    }

    public override float Apply(float x, int slot)
    {
        float v = useLog ? (float)Math.Log(x) : x;
        if (!(standardDeviation[slot] > float.Epsilon) || !float.IsFinite(v))
            return 0;
        return (float)StandardNormal.Cdf((v - mean[slot]) / standardDeviation[slot]);
    }

    /// <summary>Φ(z) = (1 + erf(z / √2)) / 2; 0 where the slot has no spread or the (log of the) value is not finite.</summary>
    public override string ExportOnnx(OnnxGraph graph, string x)
    {
        string v = useLog ? graph.Node("Log", [x]) : x;
        var spread = standardDeviation.Select(s => s > float.Epsilon).ToArray();
        string z = graph.Node("Div", [graph.Node("Sub", [v, graph.Constant(mean, Width)]), graph.Constant([.. standardDeviation.Select((s, i) => spread[i] ? s : 1f)], Width)]);
        string erf = graph.Node("Erf", [graph.Node("Mul", [z, graph.Constant([(float)(1 / Math.Sqrt(2))])])]);
        string cdf = graph.Node("Mul", [graph.Node("Add", [erf, graph.Constant([1f])]), graph.Constant([0.5f])]);
        // Not finite: NaN or ±∞, i.e. not (v - v == 0).
        string finite = graph.Node("Equal", [graph.Node("Sub", [v, v]), graph.Constant([0f])]);
        string keep = graph.Node("And", [finite, graph.Cast(graph.Constant([.. spread.Select(s => s ? 1f : 0f)], Width), global::Onnx.TensorProto.Types.DataType.Bool)]);
        return graph.Node("Where", [keep, cdf, graph.Constant([0f])]);
    }

    public override NormalizerModelParametersBase ModelParameters(bool vector) => vector
        ? new CdfNormalizerModelParameters<ImmutableArray<float>>([.. mean], [.. standardDeviation], useLog)
        : new CdfNormalizerModelParameters<float>(mean[0], standardDeviation[0], useLog);

    public override void Save(StageWriter column, StageWriter stage, string prefix)
    {
        column.Set("function", Kind);
        column.Set("useLog", useLog);
        stage.SetTensor(prefix + "mean", mean, mean.Length);
        stage.SetTensor(prefix + "standardDeviation", standardDeviation, standardDeviation.Length);
    }

    public static (Dictionary<string, long[]>, Func<IReadOnlyDictionary<string, NamedTensor>, ColumnFunction>) Read(StageReader column, string prefix, int width)
    {
        bool useLog = column.Get<bool>("useLog");
        return (new() { [prefix + "mean"] = [width], [prefix + "standardDeviation"] = [width] },
            tensors => new CdfColumnFunction(tensors[prefix + "mean"].Values, tensors[prefix + "standardDeviation"].Values, useLog));
    }
}
