namespace MLNet.DeepTrainers.Deep;

/// <summary>Where a network trains.</summary>
public enum DeviceKind
{
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>A CUDA GPU: <see cref="MLContext.GpuDeviceId"/> (0 when unset); without one, an error unless <see cref="MLContext.FallbackToCpu"/>.</summary>
    Cuda,
    /// <summary>A CUDA GPU when there is one, else the CPU.</summary>
    Auto,
}
