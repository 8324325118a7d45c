namespace MLNet.DeepTrainers;

/// <summary>
/// Keras's LSTM: input, forget, cell and output gates (Keras's order i, f, c, o is PyTorch's i, f, g, o), one
/// bias, whose forget part starts at 1 (Keras's unit_forget_bias).
/// </summary>
public sealed record LSTM : RecurrentLayer
{
    /// <summary>An LSTM with Keras's defaults.</summary>
    /// <param name="units">The size of the state.</param>
    /// <param name="returnSequences">Whether to output every step's state.</param>
    /// <param name="dropout">The fraction of inputs dropped while training.</param>
    /// <param name="recurrentDropout">The fraction of the state dropped before the recurrent product while training.</param>
    public LSTM(int units, bool returnSequences = false, float dropout = 0, float recurrentDropout = 0)
        : base(units, returnSequences, dropout, recurrentDropout) { }

    internal override int Gates => 4;

    internal override FusedRecurrence Fused(long features)
    {
        var lstm = torch.nn.LSTM(features, Units, batchFirst: true);
        return new(lstm, x =>
        {
            var (sequence, state, cell) = lstm.forward(x);
            cell.Dispose();
            return (sequence, state);
        });
    }

    internal override void StartBias(Tensor bias) => bias.narrow(0, Units, Units).fill_(Scalars.One);

    internal override (Tensor State, Tensor? Cell) Step(Tensor input, Tensor recurrent, Tensor state, Tensor? cell)
    {
        var gates = input.add(recurrent, Scalars.One).chunk(4, 1);
        var newCell = gates[1].sigmoid().mul(cell!).add(gates[0].sigmoid().mul(gates[2].tanh()), Scalars.One);
        return (gates[3].sigmoid().mul(newCell.tanh()), newCell);
    }

    internal override string OnnxOperator => "LSTM";

    // ONNX's i, o, f, c from PyTorch's i, f, g, o.
    internal override int[] OnnxGateBlocks => [0, 3, 1, 2];
}
