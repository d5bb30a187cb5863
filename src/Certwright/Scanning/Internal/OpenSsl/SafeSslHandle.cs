using System.Runtime.InteropServices;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>Owns an <c>SSL*</c> and, after <c>SSL_set_bio</c>, the two memory BIOs attached to it.</summary>
internal sealed class SafeSslHandle : SafeHandle
{
    public SafeSslHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibSsl.SSL_free(handle);
        return true;
    }
}
