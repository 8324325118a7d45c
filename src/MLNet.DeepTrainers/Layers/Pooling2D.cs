namespace MLNet.DeepTrainers;

/// <summary>What the 2-D pooling layers share: square pools over (channels, height, width), valid padding.</summary>
public abstract record Pooling2D : Layer
{
    private protected Pooling2D(int poolSize, int? strides)
    {
        PoolSize = poolSize;
        Strides = strides;
    }

    /// <summary>The pool's size along each spatial dimension.</summary>
    public int PoolSize { get; init; }

    /// <summary>The step between pools; null means the pool size.</summary>
    public int? Strides { get; init; }

    /// <summary>The step between pools, checked positive with the pool size.</summary>
    private protected int Step()
    {
        int step = Strides ?? PoolSize;
        if (PoolSize <= 0 || step <= 0)
            throw new ArgumentException($"the pool size and strides must be positive (got {PoolSize}, {step}).");
        return step;
    }

    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        int step = Step();
        if (input[1] < PoolSize || input[2] < PoolSize)
            throw new ArgumentException($"a {PoolSize}×{PoolSize} pool does not fit a {input[1]}×{input[2]} input.");
        return [input[0], (input[1] - PoolSize) / step + 1, (input[2] - PoolSize) / step + 1];
    }

    /// <summary>The ONNX pooling node <paramref name="op"/> over <paramref name="x"/>, without padding.</summary>
    private protected string Pool(OnnxNetworkWriter writer, string op, string x) =>
        writer.Node(op, [x], OnnxAttribute.Ints("kernel_shape", [PoolSize, PoolSize]), OnnxAttribute.Ints("strides", [Step(), Step()]));
}

/// <summary>The maximum over each pool (valid padding), per channel.</summary>
public sealed record MaxPooling2D : Pooling2D
{
    /// <summary>Max pooling over square pools of <paramref name="poolSize"/>, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public MaxPooling2D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    internal override IEnumerable<TorchModule> Modules(int[] input) => [torch.nn.MaxPool2d(PoolSize, Step())];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => Pool(writer, "MaxPool", x);
}

/// <summary>The mean over each pool (valid padding), per channel.</summary>
public sealed record AveragePooling2D : Pooling2D
{
    /// <summary>Average pooling over square pools of <paramref name="poolSize"/>, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public AveragePooling2D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    internal override IEnumerable<TorchModule> Modules(int[] input) => [torch.nn.AvgPool2d(PoolSize, Step())];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => Pool(writer, "AveragePool", x);
}
