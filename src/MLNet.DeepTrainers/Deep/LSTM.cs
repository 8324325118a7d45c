namespace MLNet.DeepTrainers.Deep;

/// <summary>Keras's LSTM: input, forget, cell and output gates (PyTorch's order i, f, g, o is Keras's i, f, c, o), one bias whose forget part starts at 1.</summary>
public sealed record LSTM : RecurrentLayer
{
    /// <summary>An LSTM with Keras's defaults.</summary>
    /// <param name="units">The size of the state.</param>
    /// <param name="returnSequences">Whether to output every step's state.</param>
    /// <param name="dropout">The fraction of inputs dropped while training.</param>
    /// <param name="recurrentDropout">The fraction of the state dropped before the recurrent product while training.</param>
    public LSTM(int units, bool returnSequences = false, float dropout = 0, float recurrentDropout = 0)
        : base(units, returnSequences, dropout, recurrentDropout) { }

    private protected override string NativeKind => "lstm";

    private protected override int Gates => 4;
}
