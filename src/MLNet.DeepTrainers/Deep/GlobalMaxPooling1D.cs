namespace MLNet.DeepTrainers.Deep;

/// <summary>The maximum of each channel over the steps: (steps, channels) to (channels).</summary>
public sealed record GlobalMaxPooling1D : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        return [input[1]];
    }

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [new SpecLine("global_maxpool1d")];
}
