namespace MLNet.DeepTrainers.Deep;

/// <summary>What the 2-D pooling layers share: square pools, their stride and valid padding.</summary>
public abstract record Pooling2D : Layer
{
    private protected Pooling2D(int poolSize, int? strides)
    {
        PoolSize = poolSize;
        Strides = strides;
    }

    /// <summary>The pool's height and width.</summary>
    public int PoolSize { get; init; }

    /// <summary>The step between pools; null means the pool size.</summary>
    public int? Strides { get; init; }

    /// <summary>The native layer kind.</summary>
    private protected abstract string NativeKind { get; }

    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        int step = Strides ?? PoolSize;
        if (PoolSize <= 0 || step <= 0)
            throw new ArgumentException($"the pool size and strides must be positive (got {PoolSize}, {step}).");
        if (input[1] < PoolSize || input[2] < PoolSize)
            throw new ArgumentException($"a {PoolSize}×{PoolSize} pool does not fit a {input[1]}×{input[2]} input.");
        return [input[0], (input[1] - PoolSize) / step + 1, (input[2] - PoolSize) / step + 1];
    }

    internal override IEnumerable<SpecLine> SpecLines(int[] input) =>
        [new SpecLine(NativeKind).Integer("kh", PoolSize).Integer("kw", PoolSize).Integer("sh", Strides ?? PoolSize).Integer("sw", Strides ?? PoolSize)];
}
