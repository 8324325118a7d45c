namespace MLNet.DeepTrainers;

/// <summary>A float32 tensor: its shape and its values in row-major order (PyTorch's layout).</summary>
/// <param name="Shape">The size of each dimension.</param>
/// <param name="Values">The values, last dimension fastest.</param>
public sealed record NamedTensor(long[] Shape, float[] Values);
