namespace MLNet.DeepTrainers;

/// <summary>
/// Constant TorchSharp scalars that live as long as the process. TorchSharp 0.107 turns every number given
/// to an operation (<c>add(t)</c>'s default alpha of 1, <c>x * 2</c>, <c>clamp_min(0)</c>) into a temporary
/// <see cref="Scalar"/>, passes its native handle and leaves it to the finalizer, which a garbage collection
/// during the native call can run first, so libtorch reads freed memory. Code that runs every step or row
/// passes these instead, or a <c>using</c> scalar that outlives the call. The finite ones are integers, as the
/// literals they replace were, so results are unchanged (and integer tensors such as a step counter accept them).
/// </summary>
internal static class Scalars
{
    // Created after libtorch is loaded the library's way (ToScalar would otherwise load it TorchSharp's way).
    static Scalars()
    {
        TorchRuntime.EnsureLoaded();
        Zero = 0.ToScalar();
        One = 1.ToScalar();
        MinusOne = (-1).ToScalar();
        Two = 2.ToScalar();
        NegativeInfinity = float.NegativeInfinity.ToScalar();
    }

    /// <summary>0.</summary>
    public static Scalar Zero { get; }

    /// <summary>1: the alpha of a plain <c>a + b</c>, the value of a plain <c>addcdiv</c>.</summary>
    public static Scalar One { get; }

    /// <summary>-1.</summary>
    public static Scalar MinusOne { get; }

    /// <summary>2.</summary>
    public static Scalar Two { get; }

    /// <summary>−∞, below every value: what padded steps become before a maximum over the real ones.</summary>
    public static Scalar NegativeInfinity { get; }
}
