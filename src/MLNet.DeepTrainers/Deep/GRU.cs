namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Keras's GRU with its default reset_after = true, which is PyTorch's GRU: the reset gate multiplies the
/// recurrent product after its bias. PyTorch's gate order r, z, n is Keras's z, r, h reordered; the
/// input and recurrent biases are Keras's two bias rows.
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

    private protected override string NativeKind => "gru";

    private protected override int Gates => 3;

    private protected override bool HasRecurrentBias => true;
}
