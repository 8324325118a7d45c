namespace MLNet.DeepTrainers;

/// <summary>
/// A penalty added to the loss (Keras's regularizers): <c>L1 · Σ|x| + L2 · Σx²</c> over a layer's kernel,
/// bias or outputs. Make one with <see cref="Regularizers"/>.
/// </summary>
/// <param name="L1">The L1 factor (not negative).</param>
/// <param name="L2">The L2 factor (not negative).</param>
public sealed record Regularizer(double L1, double L2)
{
    internal void Validate(string what)
    {
        if (!(L1 >= 0) || !(L2 >= 0) || !double.IsFinite(L1) || !double.IsFinite(L2))
            throw new ArgumentException($"the {what} regularizer's factors must be finite and not negative (L1 {L1}, L2 {L2}).");
    }

    /// <summary>
    /// The penalty on <paramref name="x"/>, a scalar tensor. It runs every step, so its factors are
    /// scalars that outlive their calls and x² is x·x, not square()'s pow with a temporary scalar (see <see cref="Scalars"/>).
    /// </summary>
    internal Tensor Penalty(Tensor x)
    {
        Tensor? sum = null;
        if (L1 > 0)
        {
            using var l1 = L1.ToScalar();
            sum = x.abs().sum().mul(l1);
        }
        if (L2 > 0)
        {
            using var l2 = L2.ToScalar();
            var squares = (x * x).sum().mul(l2);
            sum = sum is null ? squares : sum.add(squares, Scalars.One);
        }
        return sum ?? torch.zeros([], dtype: x.dtype, device: x.device);
    }
}

/// <summary>Keras's regularizer factories, with Keras's default factors.</summary>
public static class Regularizers
{
    /// <summary><c>l1 · Σ|x|</c>.</summary>
    public static Regularizer L1(double l1 = 0.01) => new(l1, 0);

    /// <summary><c>l2 · Σx²</c>.</summary>
    public static Regularizer L2(double l2 = 0.01) => new(0, l2);

    /// <summary><c>l1 · Σ|x| + l2 · Σx²</c>.</summary>
    public static Regularizer L1L2(double l1 = 0, double l2 = 0) => new(l1, l2);
}
