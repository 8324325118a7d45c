namespace MLNet.DeepTrainers;

/// <summary>
/// Keras's GRU with its default reset_after = true, which is PyTorch's GRU: the reset gate multiplies the
/// recurrent product after its bias. Keras's gate order z, r, h is PyTorch's r, z, n with the first two
/// swapped; Keras's two bias rows (input, recurrent) are "bias_ih_l0" and "bias_hh_l0".
/// </summary>
public sealed record GRU : RecurrentLayer
{
    /// <summary>A GRU with Keras's defaults.</summary>
    /// <param name="units">The size of the state.</param>
    /// <param name="returnSequences">Whether to output every step's state.</param>
    /// <param name="dropout">The fraction of inputs dropped while training.</param>
    /// <param name="recurrentDropout">The fraction of the state dropped before the recurrent product while training.</param>
    public GRU(int units, bool returnSequences = false, float dropout = 0, float recurrentDropout = 0)
        : base(units, returnSequences, dropout, recurrentDropout) { }

    internal override int Gates => 3;

    internal override bool RecurrentBias => true;

    internal override FusedRecurrence Fused(long features)
    {
        var gru = torch.nn.GRU(features, Units, batchFirst: true);
        return new(gru, x => gru.forward(x));
    }

    // The update gate mixes the state before the step with the candidate: z·h + (1 - z)·n = n + z·(h - n).
    internal override (Tensor State, Tensor? Cell) Step(Tensor input, Tensor recurrent, Tensor state, Tensor? cell)
    {
        var x = input.chunk(3, 1);
        var h = recurrent.chunk(3, 1);
        var reset = x[0].add(h[0], Scalars.One).sigmoid_();
        var update = x[1].add(h[1], Scalars.One).sigmoid_();
        var candidate = x[2].add(reset.mul(h[2]), Scalars.One).tanh_();
        return (candidate.add(update.mul(state.sub(candidate)), Scalars.One), null);
    }

    internal override string OnnxOperator => "GRU";

    // ONNX's z, r, h from PyTorch's r, z, n; linear_before_reset is PyTorch's (and Keras's reset_after) formula.
    internal override int[] OnnxGateBlocks => [1, 0, 2];

    internal override IEnumerable<Onnx.AttributeProto> OnnxAttributes => [OnnxAttribute.Int("linear_before_reset", 1)];
}
