namespace MLNet.DeepTrainers;

/// <summary>
/// Fills a kernel as Keras's initializers do (its VarianceScaling family: the normal ones are truncated
/// at two deviations and widened to keep the variance). Fans are PyTorch's, which equal Keras's for
/// Dense and convolution kernels.
/// </summary>
internal static class Initializers
{
    // The standard deviation of a unit normal truncated at ±2, by which Keras divides.
    private const double TruncatedDeviation = 0.87962566103423978;

    public static void Fill(Tensor weight, Initializer initializer)
    {
        long receptive = weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        double fanIn = weight.shape.Length > 1 ? weight.shape[1] * receptive : weight.shape[0];
        double fanOut = weight.shape[0] * receptive;
        switch (initializer)
        {
            case Initializer.GlorotUniform: Uniform(weight, Math.Sqrt(6 / (fanIn + fanOut))); break;
            case Initializer.GlorotNormal: TruncatedNormal(weight, Math.Sqrt(2 / (fanIn + fanOut))); break;
            case Initializer.HeUniform: Uniform(weight, Math.Sqrt(6 / fanIn)); break;
            case Initializer.HeNormal: TruncatedNormal(weight, Math.Sqrt(2 / fanIn)); break;
            case Initializer.LecunNormal: TruncatedNormal(weight, Math.Sqrt(1 / fanIn)); break;
            case Initializer.RandomUniform: Uniform(weight, 0.05); break;
            case Initializer.RandomNormal: torch.nn.init.normal_(weight, 0, 0.05); break;
            case Initializer.Zeros: weight.zero_(); break;
            default: throw new ArgumentOutOfRangeException(nameof(initializer), initializer, $"the kernel initializer {initializer} is not one of {string.Join(", ", Enum.GetNames<Initializer>())}.");
        }
    }

    private static void Uniform(Tensor weight, double limit) => torch.nn.init.uniform_(weight, -limit, limit);

    private static void TruncatedNormal(Tensor weight, double deviation)
    {
        double std = deviation / TruncatedDeviation;
        torch.nn.init.trunc_normal_(weight, 0, std, -2 * std, 2 * std);
    }
}
