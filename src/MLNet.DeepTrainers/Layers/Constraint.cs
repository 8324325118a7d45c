using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers;

/// <summary>A rule applied to a layer's kernel or bias after every optimizer step (Keras's constraints).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "constraint")]
[JsonDerivedType(typeof(MaxNorm), "MaxNorm")]
[JsonDerivedType(typeof(NonNeg), "NonNeg")]
public abstract record Constraint
{
    private protected Constraint() { }

    /// <summary>Applies the rule to <paramref name="weight"/> in place (PyTorch's layout: outputs first).</summary>
    internal abstract void Apply(Tensor weight);

    internal virtual void Validate() { }
}

/// <summary>
/// Rescales each output unit's incoming weights to a norm of at most <see cref="MaxValue"/> (Keras's
/// MaxNorm over the kernel's input axes: every dimension but PyTorch's first); a bias, whose one axis
/// is Keras's axis 0, is rescaled as a whole vector.
/// </summary>
/// <param name="MaxValue">The largest norm allowed (Keras's default 2).</param>
public sealed record MaxNorm(double MaxValue = 2) : Constraint
{
    internal override void Validate()
    {
        if (!(MaxValue > 0) || !double.IsFinite(MaxValue))
            throw new ArgumentException($"MaxNorm's maximum must be positive, not {MaxValue}.");
    }

    internal override void Apply(Tensor weight)
    {
        using var scope = torch.NewDisposeScope();
        // Keras's default axis 0: a kernel's inputs (PyTorch's dimensions after the first), and a bias's only axis, the whole vector.
        long[] dims = weight.dim() == 1 ? [0] : [.. Enumerable.Range(1, (int)weight.dim() - 1).Select(d => (long)d)];
        // Keras: w * clip(norm, 0, max) / (epsilon + norm), epsilon 1e-7; the numbers are scalars that outlive
        // their calls and w² is w·w, not square()'s pow with a temporary scalar (see Scalars).
        using var max = MaxValue.ToScalar();
        using var epsilon = 1e-7.ToScalar();
        var norms = (weight * weight).sum(dims, keepdim: true).sqrt();
        weight.mul_(norms.clamp(Scalars.Zero, max) / norms.add(epsilon, Scalars.One));
    }
}

/// <summary>Keeps every weight at zero or above (Keras's NonNeg).</summary>
public sealed record NonNeg : Constraint
{
    internal override void Apply(Tensor weight) => weight.clamp_(min: Scalars.Zero);
}
