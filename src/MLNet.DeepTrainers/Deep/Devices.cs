namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// Where a network trains: the trainer's <see cref="DeviceKind"/> if set, else ML.NET's rule of
/// <see cref="MLContext.GpuDeviceId"/> and <see cref="MLContext.FallbackToCpu"/>.
/// </summary>
internal static class Devices
{
    public const int Cpu = -1;

    /// <summary>Whether the CPU is asked for outright: no device lookup, nothing to fall back from.</summary>
    public static bool AsksForCpu(MLContext context, DeviceKind? kind) => kind == DeviceKind.Cpu || kind is null && context.GpuDeviceId is null;

    // Each process of a distributed run trains on its machine's GPU number LOCAL_RANK, as torchrun's convention.
    private static int DefaultDevice(MLContext context) => context.GpuDeviceId ?? context.DistributedTraining?.LocalRank ?? 0;

    /// <summary>The device index for the native side: -1 for the CPU, else a CUDA device.</summary>
    public static int Resolve(MLContext context, DeviceKind? kind, string user)
    {
        if (AsksForCpu(context, kind))
            return Cpu;
        int available = TorchRuntime.CudaDeviceCount;
        if (kind == DeviceKind.Auto)
            return available > 0 ? Math.Clamp(DefaultDevice(context), 0, available - 1) : Cpu;
        int id = DefaultDevice(context);
        if (id >= 0 && id < available)
            return id;
        if (context.FallbackToCpu)
        {
            context.WriteLog(ChannelMessageKind.Warning, user, $"CUDA device {id} is not available ({available} found); training on the CPU because FallbackToCpu is set.");
            return Cpu;
        }
        throw new InvalidOperationException(available == 0
            ? $"{user}: CUDA device {id} was asked for, but no CUDA device is available (this libtorch build or machine has no CUDA). Train on the CPU (leave MLContext.GpuDeviceId null), or set MLContext.FallbackToCpu = true."
            : $"{user}: CUDA device {id} was asked for, but only devices 0 to {available - 1} exist.");
    }
}
