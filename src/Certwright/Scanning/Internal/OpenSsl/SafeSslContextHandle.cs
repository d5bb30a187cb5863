using System.Runtime.InteropServices;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>Owns an <c>SSL_CTX*</c>.</summary>
internal sealed class SafeSslContextHandle : SafeHandle
{
    public SafeSslContextHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibSsl.SSL_CTX_free(handle);
        return true;
    }
}
