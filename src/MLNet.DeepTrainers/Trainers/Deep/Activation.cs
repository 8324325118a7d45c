namespace MLNet.DeepTrainers.Trainers;

/// <summary>Applies an activation function on its own, as Keras's Activation layer.</summary>
public sealed record Activation : Layer
{
    /// <summary>An activation layer of <paramref name="kind"/>.</summary>
    public Activation(ActivationKind kind) => Kind = kind;

    /// <summary>The function.</summary>
    public ActivationKind Kind { get; init; }

    internal override int[] OutputShape(int[] input) => input;

    internal override IEnumerable<string> SpecLines(int[] input)
    {
        if (Kind != ActivationKind.Linear)
            yield return ActivationSpec(Kind);
    }
}
