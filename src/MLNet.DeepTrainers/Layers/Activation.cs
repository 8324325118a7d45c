namespace MLNet.DeepTrainers;

/// <summary>Applies an activation function on its own (Keras's Activation layer).</summary>
public sealed record Activation : Layer
{
    /// <summary>An activation layer of <paramref name="kind"/>.</summary>
    public Activation(ActivationKind kind) => Kind = kind;

    /// <summary>The activation.</summary>
    public ActivationKind Kind { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        RequireDefined(Kind, "the activation");
        return input;
    }

    internal override MaskUse MaskUse => MaskUse.PassesOn;

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [ActivationModule(Kind)];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => writer.Activation(Kind, x);
}
