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

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new BatchNormModule(input[0], Epsilon, 1 - Momentum)];

    // Inference: the running mean and variance; ONNX normalizes over axis 1, the features or channels, for both ranks.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) =>
        writer.Node("BatchNormalization", [x, writer.Weight("weight"), writer.Weight("bias"), writer.Weight("running_mean"), writer.Weight("running_var")],
            OnnxAttribute.Float("epsilon", (float)Epsilon));

    /// <summary>
    /// PyTorch's BatchNorm1d and BatchNorm2d (their tensors and names: weight, bias, running_mean, running_var,
    /// num_batches_tracked) for 2-D or 4-D inputs. TorchSharp's count the batches with num_batches_tracked.add_(1),
    /// a temporary Scalar on every training pass that a garbage collection during the native call can free
    /// first (see <see cref="Scalars"/>); this one counts with a cached scalar.
    /// </summary>
    private sealed class BatchNormModule : TorchModule
    {
#pragma warning disable IDE1006 // The fields' names are the tensors' PyTorch names.
        private readonly TorchSharp.Modules.Parameter weight;
        private readonly TorchSharp.Modules.Parameter bias;
        private readonly Tensor running_mean;
        private readonly Tensor running_var;
        private readonly Tensor num_batches_tracked;
#pragma warning restore IDE1006
        private readonly double _epsilon;
        private readonly double _momentum;

        /// <summary>Batch normalization over <paramref name="features"/> features or channels, PyTorch's <paramref name="momentum"/> (the batch's share).</summary>
        public BatchNormModule(long features, double epsilon, double momentum) : base("BatchNorm")
        {
            weight = new TorchSharp.Modules.Parameter(torch.ones(features));
            bias = new TorchSharp.Modules.Parameter(torch.zeros(features));
            running_mean = torch.zeros(features);
            running_var = torch.ones(features);
            num_batches_tracked = torch.zeros([], dtype: torch.int64);
            _epsilon = epsilon;
            _momentum = momentum;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            if (training)
                num_batches_tracked.add_(Scalars.One, Scalars.One);
            return torch.nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, _momentum, _epsilon);
        }
    }
}
