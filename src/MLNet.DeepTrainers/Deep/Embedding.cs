namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Turns token indices into dense vectors: a sequence of <c>length</c> indices becomes (length,
/// outputDim). It must be the first layer and reads integer indices in [0, inputDim): keys from
/// MapValueToKey (key 0 is a padded or unknown word), padded to a length with PadSequences.
/// </summary>
public sealed record Embedding : Layer
{
    /// <summary>An embedding with Keras's defaults (uniform weights in ±0.05, no mask).</summary>
    /// <param name="inputDim">The number of indices, the largest plus one: a key column of N keys needs N + 1 (key 0 included).</param>
    /// <param name="outputDim">The size of each index's vector.</param>
    /// <param name="maskZero">Whether index 0 is padding that the recurrent layers and GlobalAveragePooling1D after it skip (Keras's mask_zero).</param>
    public Embedding(int inputDim, int outputDim, bool maskZero = false)
    {
        InputDim = inputDim;
        OutputDim = outputDim;
        MaskZero = maskZero;
    }

    /// <summary>The number of indices.</summary>
    public int InputDim { get; init; }

    /// <summary>The size of each index's vector.</summary>
    public int OutputDim { get; init; }

    /// <summary>Whether index 0 is padding to skip.</summary>
    public bool MaskZero { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (InputDim <= 0 || OutputDim <= 0)
            throw new ArgumentException($"inputDim and outputDim must be positive (got {InputDim}, {OutputDim}).");
        if (input.Length != 1)
            throw new ArgumentException($"Embedding reads a sequence of token indices, a flat vector, but gets shape {Format(input)}.");
        return [input[0], OutputDim];
    }

    internal override bool MaskOut(bool maskIn) => MaskZero;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => [new("weight", [InputDim, OutputDim])];

    internal override IEnumerable<SpecLine> SpecLines(int[] input) =>
        [new SpecLine("embedding").Integer("in", InputDim).Integer("out", OutputDim).Flag("mask", MaskZero)];
}
