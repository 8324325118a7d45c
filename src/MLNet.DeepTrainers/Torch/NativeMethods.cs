using System.Reflection;
using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Torch;

/// <summary>P/Invoke declarations of the native shim's C ABI (src/MLNet.DeepTrainers.Native/Api.h).</summary>
internal static partial class NativeMethods
{
    internal const string Library = "mldt_native";

    static NativeMethods() => NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);

    /// <summary>Makes sure the resolver is registered before the first call.</summary>
    internal static void EnsureLoaded() => Marshal.PrelinkAll(typeof(NativeMethods));

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return IntPtr.Zero;
        return LoadFrom(Path.Combine(AppContext.BaseDirectory, "libmldt_native.so"), assembly, searchPath);
    }

    /// <summary>Loads the shim from <paramref name="file"/>, or by name from the system's paths when that file is absent.</summary>
    internal static IntPtr LoadFrom(string file, Assembly assembly, DllImportSearchPath? searchPath)
    {
        try
        {
            return NativeLibrary.Load(File.Exists(file) ? file : Path.GetFileName(file), assembly, searchPath);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new DllNotFoundException(
                $"The native shim could not be loaded: looked for '{file}'. Build it with 'dotnet build' after running eng/setup.sh " +
                $"(which installs libtorch-dev, cmake and g++). The loader said: {e.Message}", e);
        }
    }

    [LibraryImport(Library, EntryPoint = "mldt_last_error")]
    internal static partial IntPtr LastError();

    [LibraryImport(Library, EntryPoint = "mldt_set_num_threads")]
    internal static partial int SetNumThreads(int threads);

    [LibraryImport(Library, EntryPoint = "mldt_get_num_threads")]
    internal static partial int GetNumThreads();

    [LibraryImport(Library, EntryPoint = "mldt_cuda_device_count")]
    internal static partial int CudaDeviceCount();

    [LibraryImport(Library, EntryPoint = "mldt_net_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NetworkHandle NetCreate(string spec, ulong seed, int device);

    [LibraryImport(Library, EntryPoint = "mldt_net_free")]
    internal static partial void NetFree(IntPtr net);

    [LibraryImport(Library, EntryPoint = "mldt_net_set_optimizer", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int NetSetOptimizer(NetworkHandle net, string spec);

    [LibraryImport(Library, EntryPoint = "mldt_net_set_learning_rate")]
    internal static partial int NetSetLearningRate(NetworkHandle net, double learningRate);

    [LibraryImport(Library, EntryPoint = "mldt_net_set_loss", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int NetSetLoss(NetworkHandle net, string spec);

    [LibraryImport(Library, EntryPoint = "mldt_net_understood")]
    internal static unsafe partial long NetUnderstood(NetworkHandle net, byte* text, long capacity);

    [LibraryImport(Library, EntryPoint = "mldt_net_train_batch")]
    internal static unsafe partial int NetTrainBatch(NetworkHandle net, float* x, long xCount, float* y, long yCount, float* weights, long weightsCount,
        long rows, long targetWidth, out float loss, float* outputs, long outputsCount);

    [LibraryImport(Library, EntryPoint = "mldt_net_evaluate")]
    internal static unsafe partial int NetEvaluate(NetworkHandle net, float* x, long xCount, float* y, long yCount, float* weights, long weightsCount,
        long rows, long targetWidth, out float loss, float* outputs, long outputsCount);

    [LibraryImport(Library, EntryPoint = "mldt_net_predict")]
    internal static unsafe partial int NetPredict(NetworkHandle net, float* x, long xCount, long rows, float* output, long outputCount);

    [LibraryImport(Library, EntryPoint = "mldt_net_parameter_count")]
    internal static partial int NetParameterCount(NetworkHandle net);

    [LibraryImport(Library, EntryPoint = "mldt_net_parameter_name")]
    internal static partial IntPtr NetParameterName(NetworkHandle net, int index);

    [LibraryImport(Library, EntryPoint = "mldt_net_parameter_shape")]
    internal static unsafe partial int NetParameterShape(NetworkHandle net, int index, long* dims, int maxDims);

    [LibraryImport(Library, EntryPoint = "mldt_net_parameter_get")]
    internal static unsafe partial int NetParameterGet(NetworkHandle net, int index, float* values, long count);

    [LibraryImport(Library, EntryPoint = "mldt_net_parameter_set")]
    internal static unsafe partial int NetParameterSet(NetworkHandle net, int index, float* values, long count);

    [LibraryImport(Library, EntryPoint = "mldt_group_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial GroupHandle GroupCreate(string masterAddress, int port, int worldSize, int rank, long timeoutMilliseconds, int device);

    [LibraryImport(Library, EntryPoint = "mldt_group_free")]
    internal static partial void GroupFree(IntPtr group);

    [LibraryImport(Library, EntryPoint = "mldt_group_sum")]
    internal static unsafe partial int GroupSum(GroupHandle group, double* values, long count);

    [LibraryImport(Library, EntryPoint = "mldt_group_gather")]
    internal static unsafe partial int GroupGather(GroupHandle group, byte* mine, long bytes, byte* all, long allBytes);

    [LibraryImport(Library, EntryPoint = "mldt_net_broadcast")]
    internal static partial int NetBroadcast(NetworkHandle net, GroupHandle group);

    [LibraryImport(Library, EntryPoint = "mldt_net_average_buffers")]
    internal static partial int NetAverageBuffers(NetworkHandle net, GroupHandle group);

    [LibraryImport(Library, EntryPoint = "mldt_net_train_shard")]
    internal static unsafe partial int NetTrainShard(NetworkHandle net, GroupHandle group, float* x, long xCount, float* y, long yCount, float* weights, long weightsCount,
        long rows, long totalRows, long targetWidth, int stop, out float loss, out int stopped, float* outputs, long outputsCount);
}
