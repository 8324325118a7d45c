using System.Globalization;

namespace MLNet.DeepTrainers;

/// <summary>
/// Turns token indices into vectors, Keras's Embedding: a sequence of <c>steps</c> indices becomes
/// (steps, outputDim). It must be the first layer and reads whole numbers in [0, inputDim), given as the
/// feature vector's values. With <see cref="MaskZero"/>, index 0 is padding that the layers after it skip,
/// as Keras's mask_zero: the recurrent layers carry their state over it, the global poolings leave it out.
/// </summary>
public sealed record Embedding : Layer
{
    /// <summary>An embedding with Keras's defaults (weights uniform in ±0.05, no mask).</summary>
    /// <param name="inputDim">The number of indices, the largest plus one.</param>
    /// <param name="outputDim">The size of each index's vector.</param>
    /// <param name="maskZero">Whether index 0 is padding that the layers after it skip (Keras's mask_zero).</param>
    public Embedding(int inputDim, int outputDim, bool maskZero = false)
    {
        InputDim = inputDim;
        OutputDim = outputDim;
        MaskZero = maskZero;
    }

    /// <summary>The number of indices, the largest plus one.</summary>
    public int InputDim { get; init; }

    /// <summary>The size of each index's vector.</summary>
    public int OutputDim { get; init; }

    /// <summary>Whether index 0 is padding that the layers after it skip.</summary>
    public bool MaskZero { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (InputDim <= 0 || OutputDim <= 0)
            throw new ArgumentException($"inputDim and outputDim must be positive (got {InputDim}, {OutputDim}).");
        if (input.Length != 1)
            throw new ArgumentException($"Embedding reads a sequence of token indices, a flat vector, but gets shape {Format(input)}.");
        return [input[0], OutputDim];
    }

    /// <summary>Keys 1..<paramref name="bound"/> (0 for padding and unknown words) need a table of <paramref name="bound"/> + 1 rows.</summary>
    internal override void CheckIndexInput(int bound)
    {
        if (InputDim <= bound)
            throw new ArgumentException($"the features are keys up to {bound} (0 is padding and unknown words), so inputDim must be at least {bound + 1}, the key count plus one; it is {InputDim}. " +
                $"Use new Embedding({bound + 1}, {OutputDim}), or keep fewer keys (MapValueToKey's maximumNumberOfKeys).");
    }

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => [new("weight", [InputDim, OutputDim])];

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new Lookup(InputDim, OutputDim, draws)];

    // The indices arrive as floats: ONNX's Gather takes them as int64.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) =>
        writer.Node("Gather", [writer.Weight("weight"), writer.Node("Cast", [x], OnnxAttribute.Int("to", (long)Onnx.TensorProto.Types.DataType.Int64))]);

    /// <summary>Which steps of <paramref name="indices"/> [rows, steps] are real (true) rather than padding, index 0.</summary>
    internal static Tensor PaddingMask(Tensor indices) => indices.ne(Scalars.Zero);

    /// <summary>The rows of the table for the indices; index checks first, so that a bad one is named instead of crashing libtorch.</summary>
    private sealed class Lookup : TorchModule
    {
#pragma warning disable IDE1006 // The field's name is the parameter's PyTorch name.
        private readonly TorchSharp.Modules.Parameter weight;
#pragma warning restore IDE1006
        private readonly int _inputDim;
        private readonly Scalar _rows;

        public Lookup(int inputDim, int outputDim, torch.Generator draws) : base("Embedding")
        {
            weight = new TorchSharp.Modules.Parameter(torch.empty(inputDim, outputDim));
            using (torch.no_grad())
                Initializers.Fill(weight, Initializer.RandomUniform, draws);
            _inputDim = inputDim;
            _rows = inputDim.ToScalar();
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var indices = input.to(torch.int64);
            Check(input, indices);
            var rows = weight.index_select(0, indices.reshape(-1));
            return rows.view([.. input.shape, weight.shape[1]]).MoveToOuterDisposeScope();
        }

        /// <summary>Throws, naming the first bad value, unless every value is a whole number in [0, inputDim).</summary>
        private void Check(Tensor input, Tensor indices)
        {
            var bad = input.ne(indices.to(input.dtype)).logical_or_(indices.lt(Scalars.Zero)).logical_or_(indices.ge(_rows));
            GC.KeepAlive(_rows);
            if (!bad.any().item<bool>())
                return;
            var first = bad.nonzero()[0];
            long row = first[0].item<long>(), step = first[1].item<long>();
            float value = input[row, step].item<float>();
            throw new ArgumentOutOfRangeException(nameof(input), value, string.Create(CultureInfo.InvariantCulture,
                $"Layer 0 (Embedding) reads token indices, whole numbers in [0, {_inputDim}), but row {row} of the batch holds {value} at step {step}. ") +
                "Give the Embedding an inputDim above the largest index, or map the tokens to keys with MapValueToKey.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _rows.Dispose();
            base.Dispose(disposing);
        }
    }
}
