namespace MLNet.DeepTrainers.Trainers;

/// <summary>A leaky ReLU whose slope below zero is learned, one per input value, starting at 0 (Keras's PReLU).</summary>
public sealed record PReLU : Layer
{
    internal override int[] OutputShape(int[] input) => input;

    internal override long ParameterCount(int[] input) => Product(input);

    internal override IEnumerable<string> SpecLines(int[] input)
    {
        yield return "prelu " + string.Join(' ', input);
    }
}
