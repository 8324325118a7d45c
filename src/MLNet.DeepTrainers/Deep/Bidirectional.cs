namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Runs a recurrent layer forwards and, with its own weights, backwards over the sequence, and
/// concatenates the two outputs (Keras's default merge mode): twice the units, twice the weights
/// (the backward ones named "..._reverse", as in PyTorch's bidirectional layers).
/// </summary>
public sealed record Bidirectional : Layer
{
    /// <summary>A bidirectional copy of <paramref name="layer"/>.</summary>
    public Bidirectional(RecurrentLayer layer) => Layer = layer;

    /// <summary>The recurrent layer run in each direction.</summary>
    public RecurrentLayer Layer { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (Layer is null)
            throw new ArgumentException("Bidirectional needs a recurrent layer (SimpleRNN, LSTM or GRU).");
        var one = Layer.OutputShape(input);
        return [.. one[..^1], 2 * one[^1]];
    }

    internal override bool MaskOut(bool maskIn) => Layer.MaskOut(maskIn);

    internal override bool ReadsMask => true;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => Layer.DirectionTensors(input, "").Concat(Layer.DirectionTensors(input, "_reverse"));

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [Layer.Line(input, 2)];
}
