using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Distributed;

/// <summary>A native group of GlooNative, destroyed once (leaving the rendezvous and closing its connections) even when the owner forgets to dispose it.</summary>
internal sealed class GlooGroupHandle : SafeHandle
{
    public GlooGroupHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        GlooNative.Destroy(handle);
        return true;
    }
}
