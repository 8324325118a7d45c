namespace MLNet.DeepTrainers.Trainers;

/// <summary>x for x &gt; 0, alpha·x otherwise.</summary>
public sealed record LeakyReLU : Layer
{
    /// <summary>A leaky ReLU with slope <paramref name="alpha"/> below zero (Keras's default 0.3).</summary>
    public LeakyReLU(float alpha = 0.3f) => Alpha = alpha;

    /// <summary>The slope below zero.</summary>
    public float Alpha { get; init; }

    internal override int[] OutputShape(int[] input) => input;

    internal override IEnumerable<string> SpecLines(int[] input)
    {
        yield return FormattableString.Invariant($"leaky_relu alpha={Alpha:R}");
    }
}
