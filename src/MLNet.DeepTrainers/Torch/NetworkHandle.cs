using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Torch;

/// <summary>Owns a native network (module, optimizer state, loss); freed when collected or disposed, never by the user.</summary>
internal sealed class NetworkHandle : SafeHandle
{
    public NetworkHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.NetFree(handle);
        return true;
    }
}
