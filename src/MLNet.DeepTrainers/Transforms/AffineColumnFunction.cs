using System.Collections.Immutable;
using static MLNet.DeepTrainers.Transforms.NormalizingTransformer;

namespace MLNet.DeepTrainers.Transforms;

/// <summary><c>y = (x - offset) * scale</c> per slot: min-max and mean-variance normalization (ML.NET's formulas).</summary>
internal sealed class AffineColumnFunction(float[] scale, float[] offset) : ColumnFunction
{
    public const string Kind = "affine";

    public override int Width => scale.Length;

    public override float Apply(float x, int slot) => (x - offset[slot]) * scale[slot];

    public override string ExportOnnx(OnnxGraph graph, string x) =>
        graph.Node("Mul", [graph.Node("Sub", [x, graph.Constant(offset, Width)]), graph.Constant(scale, Width)]);

    /// <summary>
    /// With <paramref name="fixZero"/> 0 stays 0 and values map into [-1, 1] by max(|min|, |max|);
    /// otherwise [min, max] maps onto [0, 1]. A slot with no spread maps to 0.
    /// </summary>
    public static AffineColumnFunction MinMax(SlotSample s, bool fixZero)
    {
        var scale = new float[s.Width];
        var offset = new float[s.Width];
        for (int i = 0; i < s.Width; i++)
        {
            if (!(s.Max[i] > s.Min[i]))
                continue;
            scale[i] = fixZero ? (float)(1 / Math.Max(Math.Abs(s.Min[i]), Math.Abs(s.Max[i]))) : (float)(1 / (s.Max[i] - s.Min[i]));
            offset[i] = fixZero || scale[i] == 0 ? 0 : (float)s.Min[i];
        }
        return new(scale, offset);
    }

    /// <summary>
    /// The z-score (x - mean) / std; with <paramref name="fixZero"/>, as in ML.NET, it does not centre
    /// but divides by the root mean square sqrt(variance + mean²), so 0 stays 0. A slot with no spread maps to 0.
    /// </summary>
    public static AffineColumnFunction MeanVariance(SlotSample s, bool fixZero)
    {
        var scale = new float[s.Width];
        var offset = new float[s.Width];
        for (int i = 0; i < s.Width; i++)
        {
            if (s.M2(i) == 0)
                continue;
            double variance = s.Variance(i);
            scale[i] = (float)(1 / Math.Sqrt(fixZero ? variance + s.Mean[i] * s.Mean[i] : variance));
            offset[i] = fixZero || scale[i] == 0 ? 0 : (float)s.Mean[i];
        }
        return new(scale, offset);
    }

    // ML.NET reports no offsets (an empty array) when every offset is 0.
    public override NormalizerModelParametersBase ModelParameters(bool vector) => vector
        ? new AffineNormalizerModelParameters<ImmutableArray<float>>([.. scale], offset.All(o => o == 0) ? [] : [.. offset])
        : new AffineNormalizerModelParameters<float>(scale[0], offset[0]);

    public override void Save(StageWriter column, StageWriter stage, string prefix)
    {
        column.Set("function", Kind);
        stage.SetTensor(prefix + "scale", scale, scale.Length);
        stage.SetTensor(prefix + "offset", offset, offset.Length);
    }

    public static (Dictionary<string, long[]>, Func<IReadOnlyDictionary<string, NamedTensor>, ColumnFunction>) Read(string prefix, int width) =>
        (new() { [prefix + "scale"] = [width], [prefix + "offset"] = [width] },
         tensors => new AffineColumnFunction(tensors[prefix + "scale"].Values, tensors[prefix + "offset"].Values));
}
