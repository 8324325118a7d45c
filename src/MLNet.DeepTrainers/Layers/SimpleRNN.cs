namespace MLNet.DeepTrainers;

/// <summary>Keras's SimpleRNN: h_t = tanh(W x_t + U h_(t-1) + b), one bias.</summary>
public sealed record SimpleRNN : RecurrentLayer
{
    /// <summary>A SimpleRNN with Keras's defaults.</summary>
    /// <param name="units">The size of the state.</param>
    /// <param name="returnSequences">Whether to output every step's state.</param>
    /// <param name="dropout">The fraction of inputs dropped while training.</param>
    /// <param name="recurrentDropout">The fraction of the state dropped before the recurrent product while training.</param>
    public SimpleRNN(int units, bool returnSequences = false, float dropout = 0, float recurrentDropout = 0)
        : base(units, returnSequences, dropout, recurrentDropout) { }

    internal override int Gates => 1;

    internal override FusedRecurrence Fused(long features)
    {
        var rnn = torch.nn.RNN(features, Units, batchFirst: true);
        return new(rnn, x => rnn.forward(x, null));
    }

    internal override (Tensor State, Tensor? Cell) Step(Tensor input, Tensor recurrent, Tensor state, Tensor? cell) =>
        (input.add(recurrent, Scalars.One).tanh_(), null);

    internal override string OnnxOperator => "RNN";

    internal override int[] OnnxGateBlocks => [0];
}
