namespace MLNet.DeepTrainers.Deep;

/// <summary>What the 1-D and 2-D pooling layers share: the pool's size and the step between pools (valid padding).</summary>
public abstract record PoolingLayer : Layer
{
    private protected PoolingLayer(int poolSize, int? strides)
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

    /// <summary>The number of pools along a side of <paramref name="size"/>.</summary>
    private protected int Side(int size) => (size - PoolSize) / Step() + 1;
}
