namespace MLNet.DeepTrainers;

/// <summary>
/// Dropout masks (PyTorch's arithmetic: each value kept with probability 1 - rate, the kept values scaled by
/// its inverse) drawn from a generator of their own rather than libtorch's global one, so that fits running
/// side by side each get their own repeatable masks. The generator's seed is drawn from the network's own
/// generator while the network is built (<see cref="NetworkArchitecture.Build"/>).
/// </summary>
/// <remarks>
/// A mask is a uniform draw compared with the kept fraction in place (u &lt; 1 - rate is a Bernoulli draw of
/// it, to float's 2⁻²⁴), not libtorch's <c>bernoulli_</c>, which draws a double per value: on the CPU a
/// 128 × 512 mask took 560-620 µs with <c>bernoulli_</c> and 190-310 with <c>uniform_</c>, the comparison and
/// the scaling about 20 µs each (two such masks are an eighth of the Fashion-MNIST MLP's step).
/// </remarks>
internal sealed class DropoutMasks : IDisposable
{
    private readonly double _keep;
    private readonly Scalar _keepScalar;
    private readonly Scalar _scale;
    private readonly ulong _seed;
    private torch.Generator? _generator;

    /// <summary>Masks that drop a fraction <paramref name="rate"/>, in [0, 1), seeded from <paramref name="draws"/>.</summary>
    public DropoutMasks(double rate, torch.Generator draws)
    {
        _keep = 1 - rate;
        _keepScalar = _keep.ToScalar();
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
        var mask = torch.empty(shape, like.dtype, like.device).uniform_(0, 1, _generator).lt_(_keepScalar).mul_(_scale);
        // The scalars outlive the native calls (see LeakyReLUModule).
        GC.KeepAlive(_keepScalar);
        GC.KeepAlive(_scale);
        return mask;
    }

    public void Dispose()
    {
        _keepScalar.Dispose();
        _scale.Dispose();
        _generator?.Dispose();
    }
}
