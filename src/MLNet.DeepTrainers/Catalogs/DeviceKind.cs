namespace MLNet.DeepTrainers;

/// <summary>Where a network trains.</summary>
public enum DeviceKind
{
    /// <summary>
    /// The GPU the MLContext names (<c>ml.GpuDeviceId</c>), else the first CUDA device when there is one,
    /// else the CPU.
    /// </summary>
    Auto,
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>
    /// A CUDA device: <c>ml.GpuDeviceId</c>, or device 0. Without one: an error, or the CPU when
    /// <c>ml.FallbackToCpu</c> is set, as for ML.NET's own TorchSharp trainers.
    /// </summary>
    Cuda,
}
