namespace MLNet.DeepTrainers;

/// <summary>The mean over each pool of steps (valid padding), per channel.</summary>
public sealed record AveragePooling1D : Pooling1D
{
    /// <summary>Average pooling over pools of <paramref name="poolSize"/> steps, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public AveragePooling1D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    private protected override bool Maximum => false;
}
