namespace MLNet.DeepTrainers;

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

    internal override MaskUse MaskUse => MaskUse.PassesOn;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => KernelTensors([Units, input[^1]], Units);

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => WithActivation(torch.nn.Linear(input[^1], Units, hasBias: UseBias), draws);

    // x · kernelᵀ (+ bias): MatMul broadcasts over the steps of a (steps, features) input as over rows.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x)
    {
        string y = writer.Node("MatMul", [x, writer.Node("Transpose", [writer.Weight("weight")])]);
        if (UseBias)
            y = writer.Node("Add", [y, writer.Weight("bias")]);
        return writer.Activation(Activation, y);
    }
}
