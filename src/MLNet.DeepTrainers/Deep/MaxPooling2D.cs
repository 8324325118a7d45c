namespace MLNet.DeepTrainers.Deep;

/// <summary>The maximum over each pool (valid padding), per channel.</summary>
public sealed record MaxPooling2D : Pooling2D
{
    /// <summary>Max pooling over square pools of <paramref name="poolSize"/>, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public MaxPooling2D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    private protected override string NativeKind => "maxpool2d";
}
