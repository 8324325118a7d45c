namespace MLNet.DeepTrainers.Deep;

/// <summary>A leaky ReLU whose slope below zero is learned, one per input value, starting at 0 (Keras's PReLU).</summary>
public sealed record PReLU : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        Product(input);
        return input;
    }

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => [new("alpha", input.Select(d => (long)d).ToArray())];

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [new SpecLine("prelu").Integers("shape", input)];
}
