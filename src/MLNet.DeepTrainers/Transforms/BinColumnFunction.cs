using System.Collections.Immutable;
using static MLNet.DeepTrainers.Transforms.NormalizingTransformer;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Binning normalization: each slot's values fall into bins with about equally many training values,
/// and a value maps to <c>bin index / (bins - 1) - offset</c>, so into [0, 1], or with <c>fixZero</c>
/// shifted so that 0 stays 0. NaN stays NaN.
/// </summary>
internal sealed class BinColumnFunction : ColumnFunction
{
    public const string Kind = "bin";
    private readonly float[][] _upperBounds;
    private readonly bool _fixZero;
    private readonly float[] _density;
    private readonly float[] _offset;

    /// <param name="upperBounds">Per slot, the ascending upper bound of each bin (inclusive); the last is +∞.</param>
    /// <param name="fixZero">Whether to shift each slot so that 0 maps to 0.</param>
    private BinColumnFunction(float[][] upperBounds, bool fixZero)
    {
        _upperBounds = upperBounds;
        _fixZero = fixZero;
        // ML.NET's density is bins - 1 (at least 1) and its offset the bin of 0 over it.
        _density = upperBounds.Select(b => (float)Math.Max(1, b.Length - 1)).ToArray();
        _offset = upperBounds.Select((b, i) => fixZero ? BinOf(b, 0) / _density[i] : 0f).ToArray();
    }

    public override int Width => _upperBounds.Length;

    public override float Apply(float x, int slot) =>
        float.IsNaN(x) ? x : BinOf(_upperBounds[slot], x) / _density[slot] - _offset[slot];

    /// <summary>
    /// The bin is how many of a slot's upper bounds (all but the last) lie below x: a comparison against
    /// a [Width, bounds] table padded with +∞, summed by a product with ones. NaN stays NaN.
    /// </summary>
    public override string ExportOnnx(OnnxGraph graph, string x)
    {
        int bounds = Math.Max(1, _upperBounds.Max(b => b.Length - 1));
        var table = new float[Width * bounds];
        Array.Fill(table, float.PositiveInfinity);
        for (int slot = 0; slot < Width; slot++)
            _upperBounds[slot].AsSpan(0, _upperBounds[slot].Length - 1).CopyTo(table.AsSpan(slot * bounds));
        string column = graph.Node("Reshape", [x, graph.Constant([-1L, Width, 1], 3)]);
        string below = graph.Cast(graph.Node("Less", [graph.Constant(table, Width, bounds), column]), global::Onnx.TensorProto.Types.DataType.Float);
        string bins = graph.Node("Reshape", [graph.Node("MatMul", [below, graph.Constant([.. Enumerable.Repeat(1f, bounds)], bounds, 1)]), graph.Constant([-1L, Width], 2)]);
        string scaled = graph.Node("Sub", [graph.Node("Div", [bins, graph.Constant(_density, Width)]), graph.Constant(_offset, Width)]);
        return graph.Node("Where", [graph.Node("IsNaN", [x]), x, scaled]);
    }

    // The first bin whose upper bound is at least x; the last bin takes everything above.
    private static int BinOf(float[] upperBounds, float x)
    {
        int low = 0, high = upperBounds.Length - 1;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (upperBounds[mid] >= x)
                high = mid;
            else
                low = mid + 1;
        }
        return low;
    }

    public static BinColumnFunction Learn(SlotSample s, int maximumBinCount, bool fixZero) =>
        new(Enumerable.Range(0, s.Width).Select(i => UpperBounds(s.Values(i), maximumBinCount)).ToArray(), fixZero);

    /// <summary>
    /// Bins of about equal counts over the distinct values: one per distinct value when there are at
    /// most <paramref name="maximumBinCount"/>, otherwise cut where the running count crosses each
    /// multiple of n / bins. A bound lies midway between the last value of a bin and the first of the next.
    /// </summary>
    internal static float[] UpperBounds(List<float> values, int maximumBinCount)
    {
        if (values.Count == 0)
            return [float.PositiveInfinity];
        values.Sort();
        var distinct = new List<float>();
        var ends = new List<int>(); // running count at the end of each distinct value
        for (int i = 0; i < values.Count; i++)
        {
            if (i == 0 || values[i] > values[i - 1])
                distinct.Add(values[i]);
            else
                ends.RemoveAt(ends.Count - 1);
            ends.Add(i + 1);
        }
        var firsts = new List<int>(); // index into distinct of the first value of each bin after the first
        if (distinct.Count <= maximumBinCount)
            firsts.AddRange(Enumerable.Range(1, distinct.Count - 1));
        else
        {
            int next = 0;
            for (int bin = 1; bin < maximumBinCount; bin++)
            {
                double target = (double)values.Count * bin / maximumBinCount;
                // Leave at least one distinct value for each later bin, and move forward at least one.
                int last = distinct.Count - (maximumBinCount - bin);
                int cut = Math.Max(next + 1, Math.Min(last, ends.FindIndex(next, e => e >= target) + 1));
                if (cut > next + 1 && Math.Abs(ends[cut - 2] - target) <= Math.Abs(ends[cut - 1] - target))
                    cut--;
                firsts.Add(cut);
                next = cut;
            }
        }
        var bounds = new float[firsts.Count + 1];
        for (int b = 0; b < firsts.Count; b++)
            bounds[b] = SplitValue(distinct[firsts[b] - 1], distinct[firsts[b]]);
        bounds[^1] = float.PositiveInfinity;
        return bounds;
    }

    // Midway between a < b, as ML.NET's bin finder places it (infinities clamp to the finite range).
    private static float SplitValue(float a, float b)
    {
        if (float.IsNegativeInfinity(a))
        {
            if (b == float.MinValue)
                return float.MinValue;
            a = float.MinValue;
        }
        if (float.IsPositiveInfinity(b))
        {
            if (a == float.MaxValue)
                return float.PositiveInfinity;
            b = float.MaxValue;
        }
        float middle = a / 2 + b / 2;
        return a < middle ? middle : b;
    }

    public override NormalizerModelParametersBase ModelParameters(bool vector)
    {
        if (!vector)
            return new BinNormalizerModelParameters<float>([.. _upperBounds[0]], _density[0], _offset[0]);
        var offsets = _offset.All(o => o == 0) ? ImmutableArray<float>.Empty : [.. _offset];
        return new BinNormalizerModelParameters<ImmutableArray<float>>([.. _upperBounds.Select(b => ImmutableArray.Create(b))], [.. _density], offsets);
    }

    public override void Save(StageWriter column, StageWriter stage, string prefix)
    {
        column.Set("function", Kind);
        column.Set("fixZero", _fixZero);
        column.Set("binCounts", _upperBounds.Select(b => b.Length).ToArray());
        var flat = _upperBounds.SelectMany(b => b).ToArray();
        stage.SetTensor(prefix + "upperBounds", flat, flat.Length);
    }

    public static (Dictionary<string, long[]>, Func<IReadOnlyDictionary<string, NamedTensor>, ColumnFunction>) Read(StageReader column, string prefix, int width)
    {
        bool fixZero = column.Get<bool>("fixZero");
        var counts = column.Get<int[]>("binCounts");
        if (counts.Length != width)
            throw column.Corrupt($"it lists {counts.Length} bin counts for {width} slots");
        long total = 0;
        foreach (int count in counts)
        {
            if (count < 1)
                throw column.Corrupt($"a slot has {count} bins");
            total += count;
        }
        if (total > Array.MaxLength)
            throw column.Corrupt($"its bins total {total}, more than an array holds");
        string name = prefix + "upperBounds";
        return (new() { [name] = [total] }, tensors =>
        {
            var flat = tensors[name].Values;
            var bounds = new float[width][];
            int start = 0;
            for (int i = 0; i < width; i++)
            {
                bounds[i] = flat[start..(start + counts[i])];
                start += counts[i];
                if (!float.IsPositiveInfinity(bounds[i][^1]) || bounds[i].Zip(bounds[i].Skip(1)).Any(p => !(p.First < p.Second)))
                    throw column.Corrupt($"the bin bounds of slot {i} do not rise strictly to +∞");
            }
            return new BinColumnFunction(bounds, fixZero);
        });
    }
}
