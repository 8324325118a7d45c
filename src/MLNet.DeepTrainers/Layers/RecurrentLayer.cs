using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers;

/// <summary>
/// What SimpleRNN, LSTM and GRU share, with Keras's defaults: tanh outputs, sigmoid gates, Glorot-uniform
/// input kernels, orthogonal recurrent kernels, zero biases (an LSTM's forget gate starts at 1), and Keras's
/// dropout: one mask per sequence on the inputs, one on the state before its recurrent product. Weights have
/// PyTorch's names and layouts ("weight_ih_l0" [gates × units, features], "weight_hh_l0" [gates × units,
/// units], "bias_ih_l0", and for the GRU "bias_hh_l0"), gates in PyTorch's order; the README says how they
/// map to Keras's. Without a mask or recurrent dropout, libtorch's fused kernel runs the layer.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "layer")]
[JsonDerivedType(typeof(SimpleRNN), "SimpleRNN")]
[JsonDerivedType(typeof(LSTM), "LSTM")]
[JsonDerivedType(typeof(GRU), "GRU")]
public abstract record RecurrentLayer : Layer
{
    private protected RecurrentLayer(int units, bool returnSequences, float dropout, float recurrentDropout)
    {
        Units = units;
        ReturnSequences = returnSequences;
        Dropout = dropout;
        RecurrentDropout = recurrentDropout;
    }

    /// <summary>The size of the state and of each output.</summary>
    public int Units { get; init; }

    /// <summary>Whether the layer outputs every step's state (steps, units) instead of the last one (units).</summary>
    public bool ReturnSequences { get; init; }

    /// <summary>The fraction of the inputs dropped while training, one mask per sequence (Keras's dropout).</summary>
    public float Dropout { get; init; }

    /// <summary>The fraction of the state dropped before the recurrent product while training, one mask per sequence (Keras's recurrent_dropout).</summary>
    public float RecurrentDropout { get; init; }

    /// <summary>The number of gate blocks in each weight: 1 (SimpleRNN), 4 (LSTM) or 3 (GRU).</summary>
    internal abstract int Gates { get; }

    /// <summary>Whether the recurrent product has a bias of its own (the GRU's, as Keras's reset_after and PyTorch's).</summary>
    internal virtual bool RecurrentBias => false;

    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        if (Units <= 0)
            throw new ArgumentException($"{TypeName} needs a positive number of units, not {Units}.");
        if (!(Dropout >= 0 && Dropout < 1) || !(RecurrentDropout >= 0 && RecurrentDropout < 1))
            throw new ArgumentException($"dropout and recurrentDropout must be in [0, 1) (got {Dropout}, {RecurrentDropout}).");
        return ReturnSequences ? [input[0], Units] : [Units];
    }

    internal override MaskUse MaskUse => ReturnSequences ? MaskUse.PassesOn : MaskUse.Consumes;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => DirectionTensors(input, "");

    /// <summary>One direction's weights, under PyTorch's names with <paramref name="suffix"/> ("" or "_reverse").</summary>
    internal IEnumerable<LayerTensor> DirectionTensors(int[] input, string suffix)
    {
        long rows = (long)Gates * Units;
        yield return new($"weight_ih_l0{suffix}", [rows, input[1]]);
        yield return new($"weight_hh_l0{suffix}", [rows, Units]);
        yield return new($"bias_ih_l0{suffix}", [rows]);
        if (RecurrentBias)
            yield return new($"bias_hh_l0{suffix}", [rows]);
    }

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new RecurrentModule(this, input[1], bidirectional: false, draws)];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => OnnxRecurrence.Write(writer, this, input, x, bidirectional: false);

    /// <summary>libtorch's recurrent module of this kind for <paramref name="features"/> inputs, one direction, batch first, run by its fused kernel.</summary>
    internal abstract FusedRecurrence Fused(long features);

    /// <summary>Sets the input bias's starting values, after it was zeroed (the LSTM's forget gate starts at 1).</summary>
    internal virtual void StartBias(Tensor bias) { }

    /// <summary>
    /// One step of the layer's equations (what the fused kernel computes): the new state and, for an LSTM, the
    /// new cell, from the step's input product with its bias <paramref name="input"/> [rows, gates × units], the
    /// recurrent product with its bias <paramref name="recurrent"/> and the state and cell before the step.
    /// </summary>
    internal abstract (Tensor State, Tensor? Cell) Step(Tensor input, Tensor recurrent, Tensor state, Tensor? cell);

    /// <summary>ONNX's operator for this kind: RNN, LSTM or GRU.</summary>
    internal abstract string OnnxOperator { get; }

    /// <summary>For each gate block in ONNX's order, the block of PyTorch's order that holds it.</summary>
    internal abstract int[] OnnxGateBlocks { get; }

    /// <summary>Attributes the ONNX node needs beyond the units and the direction.</summary>
    internal virtual IEnumerable<Onnx.AttributeProto> OnnxAttributes => [];
}
