namespace MLNet.DeepTrainers;

/// <summary>What the pooling layers share: Keras's pool size and strides, valid padding.</summary>
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

    /// <summary>The number of pools along a side of <paramref name="size"/> (valid padding: what no pool covers is dropped).</summary>
    private protected int Side(int size) => (size - PoolSize) / Step() + 1;

    /// <summary>The ONNX pooling node <paramref name="op"/> over <paramref name="x"/> (channels first) along <paramref name="sides"/> sides, without padding.</summary>
    private protected string Pool(OnnxNetworkWriter writer, string op, string x, int sides) =>
        writer.Node(op, [x], OnnxAttribute.Ints("kernel_shape", Enumerable.Repeat((long)PoolSize, sides)), OnnxAttribute.Ints("strides", Enumerable.Repeat((long)Step(), sides)));
}
