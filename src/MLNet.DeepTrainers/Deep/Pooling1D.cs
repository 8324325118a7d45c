namespace MLNet.DeepTrainers.Deep;

/// <summary>What the 1-D pooling layers share: pools of steps over (steps, channels), valid padding.</summary>
public abstract record Pooling1D : PoolingLayer
{
    private protected Pooling1D(int poolSize, int? strides) : base(poolSize, strides) { }

    /// <summary>The native layer kind.</summary>
    private protected abstract string NativeKind { get; }

    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        Step();
        if (input[0] < PoolSize)
            throw new ArgumentException($"a pool of {PoolSize} steps does not fit a sequence of {input[0]}.");
        return [Side(input[0]), input[1]];
    }

    internal override IEnumerable<SpecLine> SpecLines(int[] input) => [new SpecLine(NativeKind).Integer("k", PoolSize).Integer("s", Step())];
}
