namespace MLNet.DeepTrainers;

/// <summary>
/// Normalises each feature (or channel, for images) by batch statistics while training and by running
/// ones after, then scales and shifts by learned values. Keras's defaults: momentum 0.99, epsilon 1e-3.
/// </summary>
public sealed record BatchNormalization : Layer
{
    /// <summary>Batch normalization with Keras's defaults.</summary>
    /// <param name="momentum">How much of the running statistics each batch keeps (Keras's meaning: PyTorch's momentum is 1 - this).</param>
    /// <param name="epsilon">Added to the variance for stability.</param>
    public BatchNormalization(double momentum = 0.99, double epsilon = 1e-3)
    {
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>How much of the running statistics each batch keeps.</summary>
    public double Momentum { get; init; }

    /// <summary>Added to the variance for stability.</summary>
    public double Epsilon { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (input.Length is not (1 or 3))
            throw new ArgumentException($"BatchNormalization works on flat inputs or (channels, height, width), not {Format(input)}.");
        if (!(Momentum >= 0 && Momentum < 1) || !(Epsilon > 0))
            throw new ArgumentException($"momentum must be in [0, 1) and epsilon positive (got {Momentum}, {Epsilon}).");
        return input;
    }

    // Keras counts gamma and beta as trainable, the moving mean and variance as not.
    internal override IEnumerable<LayerTensor> Tensors(int[] input) =>
        [new("weight", [input[0]]), new("bias", [input[0]]), new("running_mean", [input[0]], false), new("running_var", [input[0]], false)];

    internal override IEnumerable<TorchModule> Modules(int[] input) => input.Length == 3
        ? [torch.nn.BatchNorm2d(input[0], Epsilon, 1 - Momentum)]
        : [torch.nn.BatchNorm1d(input[0], Epsilon, 1 - Momentum)];

    // Inference: the running mean and variance; ONNX normalizes over axis 1, the features or channels, for both ranks.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) =>
        writer.Node("BatchNormalization", [x, writer.Weight("weight"), writer.Weight("bias"), writer.Weight("running_mean"), writer.Weight("running_var")],
            OnnxAttribute.Float("epsilon", (float)Epsilon));
}
