namespace MLNet.DeepTrainers;

/// <summary>
/// Standardises the network's input, Keras's <c>Normalization</c>: <c>(x - mean) / sqrt(variance)</c>
/// per feature of a flat input, per channel (the first axis) of an image, with the training data's
/// mean and variance (Keras's <c>adapt</c>, done by the trainer before the first epoch); a feature that
/// is zero in most rows keeps its zeros and is divided by its largest magnitude instead. The statistics
/// are weights that gradients do not train ("mean", "variance"), saved with the network. It must be the
/// first layer; the trainers put one there themselves unless told not to (<see cref="DeepTrainerOptions.NormalizeInputs"/>).
/// With <see cref="Invert"/> it is the last layer of a regression network instead, adapted to the labels.
/// </summary>
public sealed record Normalization : Layer
{
    /// <summary>
    /// Keras's <c>invert=True</c>: <c>x · sqrt(variance) + mean</c>, turning standardised values back into the
    /// label's units. As the last layer of a regression network it is adapted to the training labels, so the
    /// layers before it learn the label standardised (<see cref="DeepTrainerOptions.NormalizeLabel"/>).
    /// </summary>
    public bool Invert { get; init; }

    internal override int[] OutputShape(int[] input) => input;

    // One mean and variance per feature or channel, shaped to broadcast over the input's other axes.
    internal override IEnumerable<LayerTensor> Tensors(int[] input) =>
        [new("mean", StatisticsShape(input), false), new("variance", StatisticsShape(input), false)];

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new Module(StatisticsShape(input), Invert)];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x)
    {
        string deviation = writer.Node("Sqrt", [writer.Weight("variance")]);
        return Invert
            ? writer.Node("Add", [writer.Node("Mul", [x, deviation]), writer.Weight("mean")])
            : writer.Node("Div", [writer.Node("Sub", [x, writer.Weight("mean")]), deviation]);
    }

    /// <summary>[features] for a flat input; [channels, 1, ...] for one with several axes.</summary>
    private static long[] StatisticsShape(int[] input) => [input[0], .. Enumerable.Repeat(1L, input.Length - 1)];

    /// <summary>The layer's module: its statistics as buffers, set by its Adapt methods.</summary>
    internal sealed class Module : TorchModule
    {
#pragma warning disable IDE1006 // The fields' names are the tensors' state_dict names.
        private readonly Tensor mean;
        private readonly Tensor variance;
#pragma warning restore IDE1006

        public Module(long[] shape, bool invert = false) : base("Normalization")
        {
            mean = torch.zeros(shape);
            variance = torch.ones(shape);
            Inverts = invert;
            RegisterComponents();
        }

        /// <summary>Whether the module turns standardised values back (<see cref="Normalization.Invert"/>).</summary>
        public bool Inverts { get; }

        /// <summary>
        /// Sets the statistics from <paramref name="rows"/> of flat features, <paramref name="width"/> values
        /// each: libtorch's var_mean over the rows and, for an image, each channel's positions, read in place
        /// from the array.
        /// </summary>
        public void Adapt(float[] rows, int width)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            long groups = mean.shape[0];
            var values = torch.frombuffer(rows, torch.float32, rows.Length, 0, false).view(rows.Length / width, groups, width / groups);
            var (v, m) = torch.var_mean(values, [0, 2], false, false, null);
            SetKeepingZeros(m, v, values.ne(Scalars.Zero).sum([0, 2]), values.abs().amax([0, 2]), values.shape[0] * values.shape[2]);
        }

        /// <summary>
        /// Sets the statistics of a regression label from its training values: their mean and variance,
        /// whatever share of them is zero, since the layers before this one learn the label's deviation from
        /// its mean in standard deviations (a constant label gets variance 1: it is only centred).
        /// </summary>
        public void AdaptToLabels(float[] labels)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var (m, v) = Moments(labels);
            Set(torch.tensor((float)m), torch.tensor((float)v));
        }

        /// <summary>The mean and (population) variance of <paramref name="values"/>, in double precision.</summary>
        public static (double Mean, double Variance) Moments(ReadOnlySpan<float> values)
        {
            double sum = 0, squares = 0;
            foreach (float x in values)
                sum += x;
            double mean = sum / values.Length;
            foreach (float x in values)
                squares += (x - mean) * (x - mean);
            return (mean, squares / values.Length);
        }

        /// <summary>The standard deviation of a label this inverting module was adapted to (its one variance's root).</summary>
        public double Deviation => Math.Sqrt(variance.ToSingle());

        /// <summary>What the layers before this inverting module must output for the network to output <paramref name="values"/>, in the label's units.</summary>
        public float[] Standardise(float[] values)
        {
            double m = mean.ToSingle(), deviation = Deviation;
            return [.. values.Select(v => (float)((v - m) / deviation))];
        }

        /// <summary>
        /// Sets the statistics from sparse rows without making them dense: per feature (or channel), the sum
        /// of the stored values gives the mean, and the variance is the stored values' squared deviations plus
        /// the mean's square once for each zero, over all values (as var_mean over the dense rows, in float64).
        /// </summary>
        public void Adapt(SparseRows rows)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            long groups = mean.shape[0];
            using var perGroup = (rows.Width / groups).ToScalar();
            using var count = ((double)rows.Rows * (rows.Width / groups)).ToScalar();
            var group = torch.tensor(rows.Slots).to(torch.int64).div(perGroup, torch.RoundingMode.floor);
            var values = torch.tensor(rows.Values).to(torch.float64);
            var m = torch.zeros(groups, torch.float64).index_add_(0, group, values, Scalars.One).div_(count);
            var deviations = values.sub(m.index_select(0, group));
            var squares = torch.zeros(groups, torch.float64).index_add_(0, group, deviations.mul(deviations), Scalars.One);
            var stored = torch.zeros(groups, torch.float64).index_add_(0, group, torch.ones_like(values), Scalars.One);
            var zeros = stored.neg().add_(count, Scalars.One);
            var largest = new double[groups];
            var nonzero = new long[groups];
            for (int i = 0; i < rows.Values.Length; i++)
            {
                long g = rows.Slots[i] / (rows.Width / groups);
                largest[g] = Math.Max(largest[g], Math.Abs(rows.Values[i]));
                nonzero[g] += rows.Values[i] != 0 ? 1 : 0;
            }
            SetKeepingZeros(m, squares.add_(zeros.mul_(m).mul_(m)).div_(count), torch.tensor(nonzero), torch.tensor(largest), (long)rows.Rows * (rows.Width / groups));
        }

        /// <summary>
        /// Takes the mean <paramref name="m"/> and variance <paramref name="v"/> per feature or channel, but for
        /// one that is zero in most of its <paramref name="count"/> values (<paramref name="nonzero"/> are not):
        /// a word of a bag, a one-hot category, a rare event. Such a feature keeps its zeros and is divided by
        /// its largest magnitude <paramref name="largest"/> (scikit-learn's MaxAbsScaler, its answer for sparse
        /// data): centring would move every zero, and its deviation is so small that dividing by it multiplies
        /// a rare value by up to √rows (measured on 1,000 IMDB sentences, a bag of word counts into Dense
        /// 16-16-1, 5-fold: 0.72 accuracy standardised, 0.80 as they are). A feature that is constant (or zero)
        /// throughout gets variance 1, so it is only centred (scikit-learn's StandardScaler; Keras would divide
        /// by its epsilon and blow up any other value seen later).
        /// </summary>
        private void SetKeepingZeros(Tensor m, Tensor v, Tensor nonzero, Tensor largest, long count)
        {
            using var values = count.ToScalar();
            var mostlyZero = nonzero.mul(Scalars.Two).lt(values);
            Set(torch.where(mostlyZero, torch.zeros_like(m), m), torch.where(mostlyZero, largest.to(v.dtype).square(), v));
        }

        /// <summary>Takes the mean <paramref name="m"/> and variance <paramref name="v"/>; a variance of 0 becomes 1.</summary>
        private void Set(Tensor m, Tensor v)
        {
            mean.copy_(m.view(mean.shape));
            variance.copy_(torch.where(v.eq(Scalars.Zero), torch.ones_like(v), v).view(variance.shape));
        }

        public override Tensor forward(Tensor input)
        {
            using var deviation = variance.sqrt();
            return Inverts ? mean.addcmul(input, deviation, Scalars.One) : input.sub(mean).div_(deviation);
        }
    }
}
