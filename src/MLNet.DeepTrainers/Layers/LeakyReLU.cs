namespace MLNet.DeepTrainers;

/// <summary>x for x &gt; 0, <see cref="Alpha"/>·x otherwise.</summary>
public sealed record LeakyReLU : Layer
{
    /// <summary>Keras's default slope below zero.</summary>
    internal const float DefaultAlpha = 0.3f;

    /// <summary>A leaky ReLU with slope <paramref name="alpha"/> below zero.</summary>
    public LeakyReLU(float alpha = DefaultAlpha) => Alpha = alpha;

    /// <summary>The slope below zero.</summary>
    public float Alpha { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (!(Alpha >= 0) || !float.IsFinite(Alpha))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "LeakyReLU's alpha must be finite and not negative.");
        return input;
    }

    internal override MaskUse MaskUse => MaskUse.PassesOn;

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new LeakyReLUModule(Alpha)];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => writer.Node("LeakyRelu", [x], OnnxAttribute.Float("alpha", Alpha));
}
