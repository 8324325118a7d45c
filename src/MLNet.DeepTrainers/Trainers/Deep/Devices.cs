using MLNet.DeepTrainers.Torch;

namespace MLNet.DeepTrainers.Trainers;

/// <summary>Where a network trains: ML.NET's rule of <see cref="MLContext.GpuDeviceId"/> and <see cref="MLContext.FallbackToCpu"/>.</summary>
internal static class Devices
{
    public const int Cpu = -1;

    /// <summary>The device index for the native side: -1 for the CPU, else a CUDA device.</summary>
    public static int Resolve(MLContext context, string user)
    {
        if (context.GpuDeviceId is not int id)
            return Cpu;
        int available = TorchRuntime.CudaDeviceCount;
        if (id >= 0 && id < available)
            return id;
        if (context.FallbackToCpu)
        {
            context.WriteLog(ChannelMessageKind.Warning, user, $"CUDA device {id} is not available ({available} found); training on the CPU because FallbackToCpu is set.");
            return Cpu;
        }
        throw new InvalidOperationException(available == 0
            ? $"{user}: MLContext.GpuDeviceId is {id}, but no CUDA device is available (this libtorch build or machine has no CUDA). Set GpuDeviceId to null for the CPU, or FallbackToCpu = true."
            : $"{user}: MLContext.GpuDeviceId is {id}, but only CUDA devices 0 to {available - 1} exist.");
    }
}
