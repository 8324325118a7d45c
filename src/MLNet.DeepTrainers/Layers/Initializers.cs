namespace MLNet.DeepTrainers;

/// <summary>
/// Fills a kernel as Keras's initializers do (its VarianceScaling family: the normal ones are truncated
/// at two deviations and widened to keep the variance). Fans are PyTorch's, which equal Keras's for
/// Dense and convolution kernels. Every draw comes from the generator given, the network's own, through
/// the tensor's own fill methods: TorchSharp 0.107's <c>torch.nn.init</c> functions take a generator and
/// ignore it, drawing from libtorch's global one.
/// </summary>
internal static class Initializers
{
    // The standard deviation of a unit normal truncated at ±2, by which Keras divides.
    private const double TruncatedDeviation = 0.87962566103423978;

    // erf(√2): a unit normal falls within ±2 with probability erf(2 / √2), so uniform draws over ±erf(√2)
    // through the inverse error function are normal draws truncated at ±2 (PyTorch's trunc_normal_ method).
    private const double ErfOfSqrt2 = 0.9544997361036416;

    public static void Fill(Tensor weight, Initializer initializer, torch.Generator draws)
    {
        long receptive = weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        double fanIn = weight.shape.Length > 1 ? weight.shape[1] * receptive : weight.shape[0];
        double fanOut = weight.shape[0] * receptive;
        switch (initializer)
        {
            case Initializer.GlorotUniform: Uniform(weight, Math.Sqrt(6 / (fanIn + fanOut)), draws); break;
            case Initializer.GlorotNormal: TruncatedNormal(weight, Math.Sqrt(2 / (fanIn + fanOut)), draws); break;
            case Initializer.HeUniform: Uniform(weight, Math.Sqrt(6 / fanIn), draws); break;
            case Initializer.HeNormal: TruncatedNormal(weight, Math.Sqrt(2 / fanIn), draws); break;
            case Initializer.LecunNormal: TruncatedNormal(weight, Math.Sqrt(1 / fanIn), draws); break;
            case Initializer.RandomUniform: Uniform(weight, 0.05, draws); break;
            case Initializer.RandomNormal: weight.normal_(0, 0.05, draws); break;
            case Initializer.Zeros: weight.zero_(); break;
            default: throw new ArgumentOutOfRangeException(nameof(initializer), initializer, $"the kernel initializer {initializer} is not one of {string.Join(", ", Enum.GetNames<Initializer>())}.");
        }
    }

    /// <summary>
    /// Fills a recurrent kernel (gates × units, never wider than tall) with orthonormal columns, as Keras's
    /// Orthogonal and PyTorch's orthogonal_ do: Q of the QR decomposition of a normal draw, each column's sign
    /// that of R's diagonal, so that Q is uniform over such matrices. TorchSharp's orthogonal_ takes no generator.
    /// </summary>
    public static void Orthogonal(Tensor weight, torch.Generator draws)
    {
        using var normal = torch.empty(weight.shape).normal_(0, 1, draws);
        var (q, r) = torch.linalg.qr(normal);
        using (q)
        using (r)
        using (var diagonal = r.diagonal())
        using (var signs = diagonal.sign())
            weight.copy_(q.mul_(signs));
    }

    private static void Uniform(Tensor weight, double limit, torch.Generator draws) => weight.uniform_(-limit, limit, draws);

    private static void TruncatedNormal(Tensor weight, double deviation, torch.Generator draws)
    {
        double std = deviation / TruncatedDeviation;
        weight.uniform_(-ErfOfSqrt2, ErfOfSqrt2, draws).erfinv_().mul_(std * Math.Sqrt(2)).clamp_(-2 * std, 2 * std);
    }
}
