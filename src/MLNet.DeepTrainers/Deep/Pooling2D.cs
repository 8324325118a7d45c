namespace MLNet.DeepTrainers.Deep;

/// <summary>What the 2-D pooling layers share: square pools over (channels, height, width), valid padding.</summary>
public abstract record Pooling2D : PoolingLayer
{
    private protected Pooling2D(int poolSize, int? strides) : base(poolSize, strides) { }

    /// <summary>The native layer kind.</summary>
    private protected abstract string NativeKind { get; }

    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        Step();
        if (input[1] < PoolSize || input[2] < PoolSize)
            throw new ArgumentException($"a {PoolSize}×{PoolSize} pool does not fit a {input[1]}×{input[2]} input.");
        return [input[0], Side(input[1]), Side(input[2])];
    }

    internal override IEnumerable<SpecLine> SpecLines(int[] input) =>
        [new SpecLine(NativeKind).Integer("kh", PoolSize).Integer("kw", PoolSize).Integer("sh", Step()).Integer("sw", Step())];
}
