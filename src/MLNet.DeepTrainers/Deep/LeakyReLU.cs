namespace MLNet.DeepTrainers.Deep;

/// <summary>x for x &gt; 0, alpha·x otherwise.</summary>
public sealed record LeakyReLU : Layer
{
    /// <summary>Keras's slope below zero.</summary>
    internal const float DefaultAlpha = 0.3f;

    /// <summary>A leaky ReLU with slope <paramref name="alpha"/> below zero (Keras's default 0.3).</summary>
    public LeakyReLU(float alpha = DefaultAlpha) => Alpha = alpha;

    /// <summary>The slope below zero.</summary>
    public float Alpha { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (!float.IsFinite(Alpha))
            throw new ArgumentException($"the slope alpha must be a finite number, not {Alpha}.");
        return input;
    }

    internal override bool MaskOut(bool maskIn) => maskIn;

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [Spec(Alpha)];

    internal static SpecLine Spec(float alpha) => new SpecLine("leaky_relu").Real("alpha", alpha);
}
