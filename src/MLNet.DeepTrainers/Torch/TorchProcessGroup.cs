using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Torch;

/// <summary>
/// This process's place in a group of training processes (the shim's c10d process group). A process
/// joins one group, the first time a trainer needs it, and keeps it until it exits: rank 0's store
/// listens on the master port for as long as the group lives, and every fit after the first (the folds
/// of a cross-validation) reuses it, as every rank makes the same calls in the same order.
/// </summary>
internal sealed class TorchProcessGroup
{
    private static readonly object Lock = new();
    private static (DistributedTraining Settings, int Device, TorchProcessGroup Group)? _joined;
    private readonly GroupHandle _handle;
    private int _inUse;

    private TorchProcessGroup(GroupHandle handle, DistributedTraining settings)
    {
        _handle = handle;
        Settings = settings;
    }

    public DistributedTraining Settings { get; }

    public int Rank => Settings.Rank;

    public int Size => Settings.WorldSize;

    /// <summary>The group of <paramref name="settings"/> for networks on <paramref name="device"/> (Gloo on the CPU, NCCL on CUDA), joined on first use.</summary>
    public static TorchProcessGroup Join(DistributedTraining settings, int device, string user)
    {
        lock (Lock)
        {
            if (_joined is var (joined, joinedDevice, group))
            {
                if (SameGroup(joined, settings) && (joinedDevice < 0) == (device < 0))
                    return group;
                throw new InvalidOperationException($"{user}: this process already trains as {joined}{(joinedDevice < 0 ? " on the CPU" : " on CUDA")}; " +
                    $"a process belongs to one group of training processes, so it cannot also train as {settings}{(device < 0 ? " on the CPU" : " on CUDA")}.");
            }
            NativeMethods.EnsureLoaded();
            var handle = NativeMethods.GroupCreate(settings.MasterAddress, settings.MasterPort, settings.WorldSize, settings.Rank, (long)settings.Timeout.TotalMilliseconds, device);
            if (handle.IsInvalid)
                throw new TorchException($"{user}: could not join the training processes as {settings} within {settings.Timeout.TotalSeconds:0.#} s: {TorchRuntime.LastError()}");
            var created = new TorchProcessGroup(handle, settings);
            _joined = (settings, device, created);
            return created;
        }
    }

    private static bool SameGroup(DistributedTraining a, DistributedTraining b) =>
        (a.MasterAddress, a.MasterPort, a.WorldSize, a.Rank) == (b.MasterAddress, b.MasterPort, b.WorldSize, b.Rank);

    /// <summary>Sums <paramref name="values"/> over every rank, in place.</summary>
    public unsafe void Sum(Span<double> values)
    {
        fixed (double* p = values)
            TorchRuntime.Check(NativeMethods.GroupSum(_handle, p, values.Length));
    }

    /// <summary>Every rank's <paramref name="mine"/> (as many on each rank), in rank order: [rank][item].</summary>
    public long[][] Gather(ReadOnlySpan<long> mine) => GatherSame(mine).Chunk(mine.Length).ToArray();

    /// <summary>Every rank's <paramref name="mine"/>, of any length, one after another in rank order.</summary>
    public float[] Concatenate(ReadOnlySpan<float> mine)
    {
        var lengths = Gather([mine.Length]).Select(l => l[0]).ToArray();
        long longest = lengths.Max();
        // The collective moves equal lengths (each rank pads its values to the longest): bounded before anything is allocated.
        if (longest * Size > Array.MaxLength)
            throw new InvalidOperationException($"The {Size} training processes hold up to {longest} values each, more than one array of them all takes ({Array.MaxLength}).");
        var padded = new float[longest];
        mine.CopyTo(padded);
        var all = GatherSame<float>(padded);
        var result = new float[lengths.Sum()];
        for (int rank = 0, at = 0; rank < Size; at += (int)lengths[rank], rank++)
            all.AsSpan(rank * (int)longest, (int)lengths[rank]).CopyTo(result.AsSpan(at));
        return result;
    }

    private unsafe T[] GatherSame<T>(ReadOnlySpan<T> mine) where T : unmanaged
    {
        var all = new T[(long)Size * mine.Length];
        var bytes = MemoryMarshal.AsBytes(mine);
        fixed (byte* pm = bytes, pa = MemoryMarshal.AsBytes(all.AsSpan()))
            TorchRuntime.Check(NativeMethods.GroupGather(_handle, pm, bytes.Length, pa, (long)bytes.Length * Size));
        return all;
    }

    internal GroupHandle Handle => _handle;

    /// <summary>Claims the group for one training run; false while another holds it.</summary>
    public bool TryAcquire() => Interlocked.CompareExchange(ref _inUse, 1, 0) == 0;

    public void Release() => Volatile.Write(ref _inUse, 0);
}
