namespace MLNet.DeepTrainers.Deep;

/// <summary>The mean over each pool (valid padding), per channel.</summary>
public sealed record AveragePooling2D : Pooling2D
{
    /// <summary>Average pooling over square pools of <paramref name="poolSize"/>, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public AveragePooling2D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    private protected override string NativeKind => "avgpool2d";
}
