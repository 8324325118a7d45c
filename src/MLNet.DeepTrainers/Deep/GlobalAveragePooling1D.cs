namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// The mean of each channel over the steps: (steps, channels) to (channels). After an
/// Embedding(maskZero: true), the mean is over the unmasked steps only, as in Keras (a row with none gives zeros).
/// </summary>
public sealed record GlobalAveragePooling1D : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        return [input[1]];
    }

    internal override bool MaskOut(bool maskIn) => false;

    internal override bool ReadsMask => true;

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [new SpecLine("global_avgpool1d")];
}
