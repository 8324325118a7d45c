namespace MLNet.DeepTrainers;

/// <summary>
/// Standardises the network's input, Keras's <c>Normalization</c>: <c>(x - mean) / sqrt(variance)</c>
/// per feature of a flat input, per channel (the first axis) of an image, with the training data's
/// mean and variance (Keras's <c>adapt</c>, done by the trainer before the first epoch). The statistics
/// are weights that gradients do not train ("mean", "variance"), saved with the network. It must be the
/// first layer; the trainers put one there themselves unless told not to (<see cref="DeepTrainerOptions.NormalizeInputs"/>).
/// </summary>
public sealed record Normalization : Layer
{
    internal override int[] OutputShape(int[] input) => input;

    // One mean and variance per feature or channel, shaped to broadcast over the input's other axes.
    internal override IEnumerable<LayerTensor> Tensors(int[] input) =>
        [new("mean", StatisticsShape(input), false), new("variance", StatisticsShape(input), false)];

    internal override IEnumerable<TorchModule> Modules(int[] input) => [new Module(StatisticsShape(input))];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) =>
        writer.Node("Div", [writer.Node("Sub", [x, writer.Weight("mean")]), writer.Node("Sqrt", [writer.Weight("variance")])]);

    /// <summary>[features] for a flat input; [channels, 1, ...] for one with several axes.</summary>
    private static long[] StatisticsShape(int[] input) => [input[0], .. Enumerable.Repeat(1L, input.Length - 1)];

    /// <summary>
    /// The mean and variance of each of <paramref name="groups"/> equal consecutive parts of every row of
    /// <paramref name="rows"/> (the features, or the channels of an image), summed in double over two passes.
    /// A part that is constant in the data gets variance 1, so it is only centred (scikit-learn's
    /// StandardScaler; Keras would divide by its epsilon and blow up any other value seen later).
    /// </summary>
    internal static (float[] Mean, float[] Variance) Statistics(ReadOnlySpan<float> rows, int width, int groups)
    {
        int size = width / groups;
        long count = (long)(rows.Length / width) * size;
        var sum = new double[groups];
        for (int start = 0; start < rows.Length; start += width)
            for (int g = 0; g < groups; g++)
                sum[g] += Sum(rows.Slice(start + g * size, size));
        var mean = sum.Select(s => s / count).ToArray();
        var squares = new double[groups];
        for (int start = 0; start < rows.Length; start += width)
            for (int g = 0; g < groups; g++)
                foreach (float value in rows.Slice(start + g * size, size))
                    squares[g] += (value - mean[g]) * (value - mean[g]);
        return (mean.Select(m => (float)m).ToArray(), squares.Select(s => s > 0 ? (float)(s / count) : 1f).ToArray());
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float value in values)
            sum += value;
        return sum;
    }

    /// <summary>The layer's module: its statistics as buffers, set by <see cref="Adapt"/>.</summary>
    internal sealed class Module : TorchModule
    {
#pragma warning disable IDE1006 // The fields' names are the tensors' state_dict names.
        private readonly Tensor mean;
        private readonly Tensor variance;
#pragma warning restore IDE1006

        public Module(long[] shape) : base("Normalization")
        {
            mean = torch.zeros(shape);
            variance = torch.ones(shape);
            RegisterComponents();
        }

        /// <summary>Sets the statistics from <paramref name="rows"/> of flat features, <paramref name="width"/> values each.</summary>
        public void Adapt(ReadOnlySpan<float> rows, int width)
        {
            var (m, v) = Statistics(rows, width, (int)mean.shape[0]);
            using var noGrad = torch.no_grad();
            using var newMean = torch.tensor(m, mean.shape);
            using var newVariance = torch.tensor(v, variance.shape);
            mean.copy_(newMean);
            variance.copy_(newVariance);
        }

        public override Tensor forward(Tensor input)
        {
            using var deviation = variance.sqrt();
            return input.sub(mean).div_(deviation);
        }
    }
}
