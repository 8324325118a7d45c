namespace MLNet.DeepTrainers;

/// <summary>The maximum over each pool of steps (valid padding), per channel.</summary>
public sealed record MaxPooling1D : Pooling1D
{
    /// <summary>Max pooling over pools of <paramref name="poolSize"/> steps, stepping by <paramref name="strides"/> (default: the pool size).</summary>
    public MaxPooling1D(int poolSize = 2, int? strides = null) : base(poolSize, strides) { }

    private protected override bool Maximum => true;
}
