namespace MLNet.DeepTrainers;

/// <summary>
/// Dropout masks (PyTorch's arithmetic: a Bernoulli draw of the kept fraction, the kept values scaled by its
/// inverse) drawn from a generator of their own rather than libtorch's global one, so that fits running side
/// by side each get their own repeatable masks. The generator's seed is drawn from the network's own
/// generator while the network is built (<see cref="NetworkArchitecture.Build"/>).
/// </summary>
internal sealed class DropoutMasks : IDisposable
{
    private readonly double _keep;
    private readonly Scalar _scale;
    private readonly ulong _seed;
    private torch.Generator? _generator;

    /// <summary>Masks that drop a fraction <paramref name="rate"/>, in [0, 1), seeded from <paramref name="draws"/>.</summary>
    public DropoutMasks(double rate, torch.Generator draws)
    {
        _keep = 1 - rate;
        _scale = (1 / _keep).ToScalar();
        _seed = (ulong)torch.randint_long(long.MaxValue, draws);
    }

    /// <summary>Whether the masks drop anything (a rate of 0 drops nothing).</summary>
    public bool Drops => _keep < 1;

    /// <summary>A mask of <paramref name="shape"/>, of <paramref name="like"/>'s type and device: each value 0 or 1 / (1 - rate).</summary>
    public Tensor Draw(long[] shape, Tensor like)
    {
        if (_generator is null || _generator.device.type != like.device.type || _generator.device.index != like.device.index)
        {
            _generator?.Dispose();
            _generator = new torch.Generator(_seed, like.device);
        }
        var mask = torch.empty(shape, like.dtype, like.device).bernoulli_(_keep, _generator).mul_(_scale);
        // The scale outlives the native call (see LeakyReLUModule).
        GC.KeepAlive(_scale);
        return mask;
    }

    public void Dispose()
    {
        _scale.Dispose();
        _generator?.Dispose();
    }
}
