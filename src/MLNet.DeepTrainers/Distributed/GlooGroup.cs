using System.Text;

namespace MLNet.DeepTrainers.Distributed;

/// <summary>
/// This process's place in a group of processes that sum and share float buffers over Gloo (the
/// collective library under PyTorch's DDP on CPUs), through the project's native library. Rank 0
/// serves the rendezvous at MASTER_PORT; every call waits at most the group's timeout, and when a rank
/// exited, froze or never joined, the others fail with an exception that names it. After such a
/// failure the group cannot be used again. Every rank must make the same calls in the same order.
/// </summary>
internal sealed class GlooGroup : IDisposable
{
    // Room for the native side's messages, which name the ranks at fault and quote Gloo.
    private const int ErrorSize = 2048;

    private readonly GlooGroupHandle _handle;
    private readonly byte[] _error = new byte[ErrorSize];

    private GlooGroup(GlooGroupHandle handle, int rank, int worldSize)
    {
        _handle = handle;
        Rank = rank;
        WorldSize = worldSize;
    }

    public int Rank { get; }
    public int WorldSize { get; }

    /// <summary>Joins the group torchrun's variables describe (<see cref="DistributedEnvironment"/>).</summary>
    public static GlooGroup FromEnvironment(TimeSpan timeout)
    {
        var environment = DistributedEnvironment.Read(Environment.GetEnvironmentVariable);
        return Create(environment.MasterAddress, environment.MasterPort, environment.WorldSize, environment.Rank, timeout);
    }

    /// <summary>Joins the group; returns once every rank joined, or throws after <paramref name="timeout"/> naming the ranks that did not.</summary>
    public static GlooGroup Create(string masterAddress, int masterPort, int worldSize, int rank, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(masterAddress);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var error = new byte[ErrorSize];
        int code;
        GlooGroupHandle handle;
        try
        {
            code = GlooNative.Create(masterAddress, masterPort, worldSize, rank, (long)Math.Ceiling(timeout.TotalMilliseconds), out handle, error, ErrorSize);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"Training on several processes needs lib{GlooNative.Library}.so (the package's runtimes/linux-x64/native; " +
                "Linux x64 only for now) and Gloo's libgloo.so.0 (Debian: apt-get install libgloo0). In this repository eng/setup.sh builds the first; " +
                "the library's project copies it beside every application that references it.", e);
        }
        if (code != 0)
        {
            handle.Dispose();
            throw Failure(code, error);
        }
        return new GlooGroup(handle, rank, worldSize);
    }

    /// <summary>Replaces <paramref name="values"/> with their sum over every rank.</summary>
    public unsafe void AllReduceSum(Span<float> values)
    {
        fixed (float* pointer = values)
            Check(GlooNative.AllReduceSum(_handle, pointer, values.Length, _error, ErrorSize));
    }

    /// <summary>Replaces <paramref name="values"/> with rank <paramref name="root"/>'s; every rank passes the same length.</summary>
    public unsafe void Broadcast(Span<float> values, int root)
    {
        fixed (float* pointer = values)
            Check(GlooNative.Broadcast(_handle, pointer, values.Length, root, _error, ErrorSize));
    }

    /// <summary>Returns once every rank called it.</summary>
    public void Barrier() => Check(GlooNative.Barrier(_handle, _error, ErrorSize));

    public void Dispose() => _handle.Dispose();

    private void Check(int code)
    {
        if (code != 0)
            throw Failure(code, _error);
    }

    private static Exception Failure(int code, byte[] error)
    {
        int end = Array.IndexOf(error, (byte)0);
        string message = Encoding.UTF8.GetString(error, 0, end < 0 ? error.Length : end);
        return code == GlooNative.InvalidArgument ? new ArgumentException(message) : new InvalidOperationException(message);
    }
}
