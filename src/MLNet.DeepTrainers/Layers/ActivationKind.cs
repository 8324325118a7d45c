namespace MLNet.DeepTrainers;

/// <summary>Activation functions (Keras's names).</summary>
public enum ActivationKind
{
    /// <summary>The identity: no activation.</summary>
    Linear,
    /// <summary>max(0, x).</summary>
    ReLU,
    /// <summary>x for x &gt; 0, alpha·x otherwise (alpha 0.3, Keras's default).</summary>
    LeakyReLU,
    /// <summary>x for x &gt; 0, exp(x) - 1 otherwise.</summary>
    ELU,
    /// <summary>The scaled ELU of self-normalising networks (scale 1.0507, alpha 1.6733); pair it with LeCun-normal kernels.</summary>
    SELU,
    /// <summary>1 / (1 + exp(-x)).</summary>
    Sigmoid,
    /// <summary>The hyperbolic tangent.</summary>
    Tanh,
    /// <summary>exp(x) normalised over the last dimension.</summary>
    Softmax,
    /// <summary>x · sigmoid(x), also called SiLU.</summary>
    Swish,
    /// <summary>The Gaussian error linear unit (exact form).</summary>
    GELU,
}
