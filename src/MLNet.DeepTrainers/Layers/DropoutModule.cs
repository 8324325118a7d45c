namespace MLNet.DeepTrainers;

/// <summary>
/// Dropout (PyTorch's arithmetic: a Bernoulli mask of the kept fraction, the kept values scaled by its
/// inverse) drawing from a generator of its own rather than libtorch's global one, so that fits running
/// side by side each get their own repeatable masks. The generator's seed is drawn from libtorch's global
/// generator while the network is built, which the trainer seeds per fit.
/// </summary>
internal sealed class DropoutModule : TorchModule
{
    private readonly double _keep;
    private readonly Scalar _scale;
    private readonly ulong _seed;
    private torch.Generator? _generator;

    /// <summary>Dropout of <paramref name="rate"/>, in [0, 1).</summary>
    public DropoutModule(double rate) : base("Dropout")
    {
        _keep = 1 - rate;
        _scale = (1 / _keep).ToScalar();
        using var draw = torch.randint(long.MaxValue, [1], dtype: torch.int64);
        _seed = (ulong)draw.item<long>();
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _keep == 1)
            return input;
        if (_generator is null || _generator.device.type != input.device.type || _generator.device.index != input.device.index)
        {
            _generator?.Dispose();
            _generator = new torch.Generator(_seed, input.device);
        }
        using var mask = torch.empty_like(input).bernoulli_(_keep, _generator).mul_(_scale);
        var output = input.mul(mask);
        // The scale outlives the native call (see LeakyReLUModule).
        GC.KeepAlive(_scale);
        return output;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _scale.Dispose();
            _generator?.Dispose();
        }
        base.Dispose(disposing);
    }
}
