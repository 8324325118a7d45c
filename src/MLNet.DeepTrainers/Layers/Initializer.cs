namespace MLNet.DeepTrainers;

/// <summary>How a kernel's weights start (Keras's initializers; biases start at zero).</summary>
public enum Initializer
{
    /// <summary>Uniform in ±sqrt(6 / (fan_in + fan_out)); Keras's default.</summary>
    GlorotUniform,
    /// <summary>Normal with standard deviation sqrt(2 / (fan_in + fan_out)), truncated at two deviations (Keras's form).</summary>
    GlorotNormal,
    /// <summary>Uniform in ±sqrt(6 / fan_in); suits ReLU.</summary>
    HeUniform,
    /// <summary>Normal with standard deviation sqrt(2 / fan_in), truncated at two deviations.</summary>
    HeNormal,
    /// <summary>Normal with standard deviation sqrt(1 / fan_in), truncated at two deviations; Keras pairs it with SELU.</summary>
    LecunNormal,
    /// <summary>Uniform in ±0.05.</summary>
    RandomUniform,
    /// <summary>Normal with standard deviation 0.05.</summary>
    RandomNormal,
    /// <summary>All zeros.</summary>
    Zeros,
}
