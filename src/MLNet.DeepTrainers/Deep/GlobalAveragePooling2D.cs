namespace MLNet.DeepTrainers.Deep;

/// <summary>The mean of each channel over height and width: (channels, height, width) to (channels).</summary>
public sealed record GlobalAveragePooling2D : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        return [input[0]];
    }

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [new SpecLine("global_avgpool2d")];
}
