namespace Certwright.Revocation.Internal;

/// <summary>
/// BouncyCastle reports malformed or hostile input with many exception types (IOException, ArgumentException,
/// CertificateException, SignatureException, InvalidCastException from ASN.1 tags...). Responses and CRLs are
/// untrusted input, so every such failure becomes a one-line detail; only cancellation and fatal errors pass.
/// </summary>
internal static class BouncyCastleFailure
{
    public static bool Is(Exception e) => e is not (OperationCanceledException or OutOfMemoryException or StackOverflowException);
}
