namespace MLNet.DeepTrainers;

/// <summary>What the 2-D pooling layers share: square pools over (channels, height, width), valid padding.</summary>
public abstract record Pooling2D : PoolingLayer
{
    private protected Pooling2D(int poolSize, int? strides) : base(poolSize, strides) { }

    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        Step();
        if (input[1] < PoolSize || input[2] < PoolSize)
            throw new ArgumentException($"a {PoolSize}×{PoolSize} pool does not fit a {input[1]}×{input[2]} input.");
        return [input[0], Side(input[1]), Side(input[2])];
    }
}

/// <summary>The maximum over each pool (valid padding), per channel.</summary>
public sealed record MaxPooling2D : Pooling2D
{
    /// <summary>Max pooling over square pools of <paramref name="poolSize"/>, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public MaxPooling2D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [torch.nn.MaxPool2d(PoolSize, Step())];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => Pool(writer, "MaxPool", x, 2);
}

/// <summary>The mean over each pool (valid padding), per channel.</summary>
public sealed record AveragePooling2D : Pooling2D
{
    /// <summary>Average pooling over square pools of <paramref name="poolSize"/>, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public AveragePooling2D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [torch.nn.AvgPool2d(PoolSize, Step())];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => Pool(writer, "AveragePool", x, 2);
}
