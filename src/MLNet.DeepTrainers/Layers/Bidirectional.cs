namespace MLNet.DeepTrainers;

/// <summary>
/// Runs a recurrent layer forwards and, with weights of its own, backwards over the sequence, and concatenates
/// the two outputs (Keras's default merge mode): twice the units and twice the weights, the backward ones named
/// "..._reverse", as in PyTorch's bidirectional layers. With returnSequences the backward outputs are put back
/// in the steps' order.
/// </summary>
public sealed record Bidirectional : Layer
{
    /// <summary>A bidirectional copy of <paramref name="layer"/>.</summary>
    /// <param name="layer">The recurrent layer run in each direction (SimpleRNN, LSTM or GRU).</param>
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

    internal override MaskUse MaskUse => Layer.MaskUse;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => Layer.DirectionTensors(input, "").Concat(Layer.DirectionTensors(input, "_reverse"));

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new RecurrentModule(Layer, input[1], bidirectional: true, draws)];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => OnnxRecurrence.Write(writer, Layer, input, x, bidirectional: true);
}
