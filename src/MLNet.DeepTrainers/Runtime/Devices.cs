namespace MLNet.DeepTrainers;

/// <summary>
/// Where a fit runs: the options' <see cref="DeviceKind"/> read with the MLContext's GpuDeviceId and FallbackToCpu, as ML.NET's
/// TorchSharp trainers read them. A rank of data-parallel training (localRank: its index on its machine)
/// takes the machine's GPU of that index, as torchrun's users set it, unless GpuDeviceId names one.
/// </summary>
internal static class Devices
{
    public static torch.Device Resolve(CatalogContext context, DeviceKind? kind, int? localRank, Action<string> warn, string user)
    {
        TorchRuntime.EnsureLoaded();
        switch (kind ?? DeviceKind.Auto)
        {
            case DeviceKind.Cpu:
                return torch.CPU;
            case DeviceKind.Auto when context.GpuDeviceId is null:
                return torch.cuda.is_available() ? new torch.Device(DeviceType.CUDA, OwnGpu(localRank)) : torch.CPU;
            default:
                int id = context.GpuDeviceId ?? (torch.cuda.is_available() ? OwnGpu(localRank) : 0);
                if (torch.cuda.is_available() && id < torch.cuda.device_count())
                    return new torch.Device(DeviceType.CUDA, id);
                string why = torch.cuda.is_available()
                    ? $"CUDA device {id} was asked for, but this machine has {torch.cuda.device_count()}"
                    : "a CUDA device was asked for, but TorchSharp sees none (is the application referencing TorchSharp-cpu rather than a CUDA TorchSharp package, or is the driver missing?)";
                if (!context.FallbackToCpu)
                    throw new InvalidOperationException($"{user}: {why}. Set ml.FallbackToCpu = true to train on the CPU instead, or Device = DeviceKind.Cpu.");
                warn($"{why}; training on the CPU (ml.FallbackToCpu is set).");
                return torch.CPU;
        }
    }

    private static int OwnGpu(int? localRank) => localRank is int rank ? rank % torch.cuda.device_count() : 0;
}
