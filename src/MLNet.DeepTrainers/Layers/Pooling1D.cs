namespace MLNet.DeepTrainers;

/// <summary>What the 1-D pooling layers share: pools of steps over (steps, channels), per channel, valid padding.</summary>
public abstract record Pooling1D : PoolingLayer
{
    private protected Pooling1D(int poolSize, int? strides) : base(poolSize, strides) { }

    /// <summary>Whether the pool takes the maximum (else the mean).</summary>
    private protected abstract bool Maximum { get; }

    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        Step();
        if (input[0] < PoolSize)
            throw new ArgumentException($"a pool of {PoolSize} steps does not fit a sequence of {input[0]}.");
        return [Side(input[0]), input[1]];
    }

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new StepPooling(Maximum, PoolSize, Step())];

    // ONNX's pooling reads the channels first: (steps, channels) is transposed to (channels, steps) and back.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) =>
        writer.SwapLastAxes(Pool(writer, Maximum ? "MaxPool" : "AveragePool", writer.SwapLastAxes(x), 1));

    /// <summary>libtorch's 1-D pooling, which reads the channels first, over (steps, channels).</summary>
    private sealed class StepPooling(bool maximum, int pool, int step) : TorchModule(maximum ? "MaxPool1d" : "AvgPool1d")
    {
        public override Tensor forward(Tensor input)
        {
            using var channelsFirst = input.transpose(1, 2);
            using var pooled = maximum ? torch.nn.functional.max_pool1d(channelsFirst, pool, step) : torch.nn.functional.avg_pool1d(channelsFirst, pool, step);
            return pooled.transpose(1, 2);
        }
    }
}
