namespace MLNet.DeepTrainers.Trainers;

/// <summary>The mean over each pool (valid padding), per channel.</summary>
public sealed record AveragePooling2D : Layer
{
    /// <summary>Average pooling over square pools of <paramref name="poolSize"/>, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public AveragePooling2D(int poolSize = 2, int? strides = null)
    {
        PoolSize = poolSize;
        Strides = strides;
    }

    /// <summary>The pool's height and width.</summary>
    public int PoolSize { get; init; }

    /// <summary>The step between pools; null means the pool size.</summary>
    public int? Strides { get; init; }

    internal override int[] OutputShape(int[] input) => Pooling.OutputShape(this, input, PoolSize, Strides);

    internal override IEnumerable<string> SpecLines(int[] input)
    {
        yield return Pooling.Spec("avgpool2d", PoolSize, Strides);
    }
}
