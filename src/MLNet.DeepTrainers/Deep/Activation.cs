namespace MLNet.DeepTrainers.Deep;

/// <summary>Applies an activation function on its own, as Keras's Activation layer.</summary>
public sealed record Activation : Layer
{
    /// <summary>An activation layer of <paramref name="kind"/>.</summary>
    public Activation(ActivationKind kind) => Kind = kind;

    /// <summary>The function.</summary>
    public ActivationKind Kind { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        RequireDefined(Kind, "the activation");
        return input;
    }

    internal override bool MaskOut(bool maskIn) => maskIn;

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => Kind == ActivationKind.Linear ? [] : [ActivationSpec(Kind)];
}
