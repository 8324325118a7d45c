using DataType = Onnx.TensorProto.Types.DataType;

namespace MLNet.DeepTrainers;

/// <summary>
/// Keras's <c>pad_sequences</c> for rows of keys (token indices): each row becomes exactly
/// <see cref="Length"/> indices, key k as index k and a missing key as 0, cut to its first or last tokens
/// when longer (<c>truncating</c>) and filled with index 0 before or after them when shorter
/// (<c>padding</c>). The one owner of the rule: training and scoring read rows through <see cref="Apply"/>,
/// and a saved model computes the same with the nodes of <see cref="ExportOnnx"/>.
/// </summary>
internal sealed class PadSequences(int length, SequenceSide padding, SequenceSide truncating, int indexBound)
{
    /// <summary>The most keys token indices may have: they reach the network as Single, which holds every whole number up to 2^24 exactly.</summary>
    public const int MaxIndexBound = 1 << 24;

    /// <summary>The number of indices each row becomes.</summary>
    public int Length => length;

    /// <summary>The largest index: the key count. Index 0 is padding and missing keys.</summary>
    public int IndexBound => indexBound;

    /// <summary>
    /// Writes <paramref name="keys"/> (dense or sparse: a sparse row's unstored keys are missing, 0) as
    /// <see cref="Length"/> indices into <paramref name="destination"/>. Returns -1, or the slot of the first
    /// key beyond <see cref="IndexBound"/>, which a key type's values cannot be, so the caller names it.
    /// </summary>
    public int Apply(in VBuffer<uint> keys, Span<float> destination)
    {
        int kept = Math.Min(keys.Length, length);
        int first = truncating == SequenceSide.Pre ? keys.Length - kept : 0;
        destination.Clear();
        var target = destination.Slice(padding == SequenceSide.Pre ? length - kept : 0, kept);
        var values = keys.GetValues();
        if (keys.IsDense)
        {
            for (int i = 0; i < kept; i++)
            {
                if (values[first + i] > indexBound)
                    return first + i;
                target[i] = values[first + i];
            }
            return -1;
        }
        var slots = keys.GetIndices();
        for (int i = 0; i < slots.Length; i++)
        {
            int slot = slots[i];
            if (slot < first || slot >= first + kept)
                continue;
            if (values[i] > indexBound)
                return slot;
            target[slot - first] = values[i];
        }
        return -1;
    }

    /// <summary>
    /// The same rule as ONNX nodes over <paramref name="keys"/>, a [1, n] uint32 graph input of one row (n may
    /// vary from row to row, as OnnxTransformer feeds a vector of varying size); returns the [1, <see cref="Length"/>] float indices.
    /// </summary>
    public string ExportOnnx(OnnxGraph graph, string keys)
    {
        string indices = graph.Node("Cast", [keys], OnnxAttribute.Int("to", (long)DataType.Float));
        // Slice clamps its bounds to the row: a shorter row is kept whole.
        string kept = truncating == SequenceSide.Pre
            ? graph.Node("Slice", [indices, graph.Constant([-(long)length], 1), graph.Constant([long.MaxValue], 1), graph.Constant([1L], 1)])
            : graph.Node("Slice", [indices, graph.Constant([0L], 1), graph.Constant([(long)length], 1), graph.Constant([1L], 1)]);
        string keptLength = graph.Node("Shape", [kept], OnnxAttribute.Int("start", 1), OnnxAttribute.Int("end", 2));
        string missing = graph.Node("Sub", [graph.Constant([(long)length], 1), keptLength]);
        string none = graph.Constant([0L], 1);
        // Pad's pads are [begin of each axis..., end of each axis...]; Pad fills with 0, the padding index.
        string pads = graph.Node("Concat", padding == SequenceSide.Pre ? [none, missing, none, none] : [none, none, none, missing], OnnxAttribute.Int("axis", 0));
        return graph.Node("Pad", [kept, pads]);
    }
}
