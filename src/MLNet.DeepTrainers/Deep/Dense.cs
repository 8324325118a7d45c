namespace MLNet.DeepTrainers.Deep;

/// <summary>A fully connected layer: <c>activation(x · kernel + bias)</c> over a flat input, or over each step of a (steps, features) input as in Keras.</summary>
public sealed record Dense : KernelLayer
{
    /// <summary>A Dense layer with Keras's defaults.</summary>
    /// <param name="units">The number of outputs.</param>
    /// <param name="activation">The activation applied to the outputs.</param>
    /// <param name="useBias">Whether the layer adds a bias.</param>
    /// <param name="kernelInitializer">How the kernel starts.</param>
    public Dense(int units, ActivationKind activation = ActivationKind.Linear, bool useBias = true, Initializer kernelInitializer = Initializer.GlorotUniform)
        : base(activation, useBias, kernelInitializer) => Units = units;

    /// <summary>The number of outputs.</summary>
    public int Units { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (Units <= 0)
            throw new ArgumentOutOfRangeException(nameof(Units), Units, "Dense needs a positive number of units.");
        if (input.Length > 2)
            throw new ArgumentException($"Dense needs a flat input or (steps, features), but gets shape {Format(input)}; put a Flatten layer before it.");
        CheckKernelRules();
        return [.. input[..^1], Units];
    }

    internal override bool MaskOut(bool maskIn) => maskIn;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => KernelTensors([Units, input[^1]], Units);

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => WithActivation(WithKernelOptions(new SpecLine("dense").Integer("in", input[^1]).Integer("out", Units)));
}
