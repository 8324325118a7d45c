using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Distributed;

/// <summary>
/// The C ABI of the project's native library, libmlnet_deeptrainers_gloo.so (src/MLNet.DeepTrainers.Gloo/Api.h),
/// found beside the application, where the library's project copies it.
/// </summary>
internal static partial class GlooNative
{
    public const string Library = "mlnet_deeptrainers_gloo";

    /// <summary>The native side's code for an invalid argument (Api.h); its other codes say the group failed.</summary>
    public const int InvalidArgument = 1;

    [LibraryImport(Library, EntryPoint = "mldt_gloo_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Create(string masterAddress, int masterPort, int worldSize, int rank, long timeoutMs, out GlooGroupHandle group, byte[] error, nuint errorSize);

    [LibraryImport(Library, EntryPoint = "mldt_gloo_allreduce_sum")]
    public static unsafe partial int AllReduceSum(GlooGroupHandle group, float* values, long count, byte[] error, nuint errorSize);

    [LibraryImport(Library, EntryPoint = "mldt_gloo_broadcast")]
    public static unsafe partial int Broadcast(GlooGroupHandle group, float* values, long count, int root, byte[] error, nuint errorSize);

    [LibraryImport(Library, EntryPoint = "mldt_gloo_barrier")]
    public static partial int Barrier(GlooGroupHandle group, byte[] error, nuint errorSize);

    [LibraryImport(Library, EntryPoint = "mldt_gloo_destroy")]
    public static partial void Destroy(IntPtr group);
}
