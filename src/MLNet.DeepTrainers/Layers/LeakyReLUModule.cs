namespace MLNet.DeepTrainers;

/// <summary>
/// A leaky ReLU that holds its slope as one scalar for its lifetime. TorchSharp's nn.LeakyReLU passes the
/// slope to libtorch as a temporary Scalar on every forward pass, which a garbage collection during the
/// native call can free first (see <see cref="Scalars"/>).
/// </summary>
internal sealed class LeakyReLUModule : TorchModule
{
    private readonly Scalar _slope;

    /// <summary>A leaky ReLU with <paramref name="slope"/> below zero (a double, as nn.LeakyReLU takes it).</summary>
    public LeakyReLUModule(double slope) : base("LeakyReLU") => _slope = slope.ToScalar();

    public override Tensor forward(Tensor input)
    {
        var output = input.leaky_relu(_slope);
        // The slope outlives the native call even when nothing else holds this module (a network scored once and dropped).
        GC.KeepAlive(_slope);
        return output;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _slope.Dispose();
        base.Dispose(disposing);
    }
}
