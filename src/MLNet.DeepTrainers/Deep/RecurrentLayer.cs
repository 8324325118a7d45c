using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// What SimpleRNN, LSTM and GRU share, with Keras's defaults: tanh outputs, sigmoid gates, Glorot-uniform
/// input kernels, orthogonal recurrent kernels, zero biases (LSTM's forget gate starts at 1). Weights
/// use PyTorch's names and layouts ("weight_ih_l0" is [gates × units, features], "weight_hh_l0"
/// [gates × units, units], gates in PyTorch's order); see the README for how they map to Keras's.
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

    /// <summary>The native cell kind.</summary>
    private protected abstract string NativeKind { get; }

    /// <summary>The number of gate blocks in each weight: 1, 4 (LSTM) or 3 (GRU).</summary>
    private protected abstract int Gates { get; }

    /// <summary>Whether the recurrent product has its own bias (GRU, as Keras's reset_after and PyTorch).</summary>
    private protected virtual bool HasRecurrentBias => false;

    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        if (Units <= 0)
            throw new ArgumentException($"{TypeName} needs a positive number of units, not {Units}.");
        if (!(Dropout >= 0 && Dropout < 1) || !(RecurrentDropout >= 0 && RecurrentDropout < 1))
            throw new ArgumentException($"dropout and recurrentDropout must be in [0, 1) (got {Dropout}, {RecurrentDropout}).");
        return ReturnSequences ? [input[0], Units] : [Units];
    }

    internal override bool MaskOut(bool maskIn) => maskIn && ReturnSequences;

    internal override bool ReadsMask => true;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => DirectionTensors(input, "");

    /// <summary>One direction's weights, PyTorch's names with <paramref name="suffix"/> ("" or "_reverse").</summary>
    internal IEnumerable<LayerTensor> DirectionTensors(int[] input, string suffix)
    {
        long rows = (long)Gates * Units;
        yield return new($"weight_ih_l0{suffix}", [rows, input[1]]);
        yield return new($"weight_hh_l0{suffix}", [rows, Units]);
        yield return new($"bias_ih_l0{suffix}", [rows]);
        if (HasRecurrentBias)
            yield return new($"bias_hh_l0{suffix}", [rows]);
    }

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [Line(input, 1)];

    /// <summary>The native line for this layer run in <paramref name="directions"/> directions (2: Bidirectional).</summary>
    internal SpecLine Line(int[] input, int directions) => new SpecLine(NativeKind).Integer("in", input[1]).Integer("units", Units)
        .Flag("sequences", ReturnSequences).Real("dropout", Dropout).Real("rdropout", RecurrentDropout).Integer("directions", directions);
}
