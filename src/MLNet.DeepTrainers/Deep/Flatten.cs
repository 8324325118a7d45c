namespace MLNet.DeepTrainers.Deep;

/// <summary>Flattens any input shape into a vector (channels first, as PyTorch lays it out).</summary>
public sealed record Flatten : Layer
{
    internal override int[] OutputShape(int[] input) => [Product(input)];

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [new SpecLine("flatten")];
}
