namespace MLNet.DeepTrainers.Deep;

/// <summary>How a kernel's weights start (Keras's initializers; biases start at zero).</summary>
public enum Initializer
{
    /// <summary>Uniform in ±sqrt(6 / (fan_in + fan_out)); Keras's default.</summary>
    GlorotUniform,
    /// <summary>Normal with standard deviation sqrt(2 / (fan_in + fan_out)).</summary>
    GlorotNormal,
    /// <summary>Uniform in ±sqrt(6 / fan_in); suits ReLU.</summary>
    HeUniform,
    /// <summary>Normal with standard deviation sqrt(2 / fan_in).</summary>
    HeNormal,
    /// <summary>Uniform in ±0.05.</summary>
    RandomUniform,
    /// <summary>Normal with standard deviation 0.05.</summary>
    RandomNormal,
    /// <summary>All zeros.</summary>
    Zeros,
}
