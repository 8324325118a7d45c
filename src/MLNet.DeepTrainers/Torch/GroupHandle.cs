using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Torch;

/// <summary>Owns a native process group (its store connection and transport); freed when disposed or collected.</summary>
internal sealed class GroupHandle : SafeHandle
{
    public GroupHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.GroupFree(handle);
        return true;
    }
}
