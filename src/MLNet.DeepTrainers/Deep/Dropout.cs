namespace MLNet.DeepTrainers.Deep;

/// <summary>Sets a fraction of inputs to zero while training (scaling the rest by 1 / (1 - rate)).</summary>
public sealed record Dropout : Layer
{
    /// <summary>Dropout of <paramref name="rate"/>, in [0, 1).</summary>
    public Dropout(float rate) => Rate = rate;

    /// <summary>The fraction dropped.</summary>
    public float Rate { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (!(Rate >= 0 && Rate < 1))
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "The dropout rate must be in [0, 1).");
        return input;
    }

    internal override bool MaskOut(bool maskIn) => maskIn;

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [new SpecLine("dropout").Real("rate", Rate)];
}
