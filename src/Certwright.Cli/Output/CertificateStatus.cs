namespace Certwright.Cli.Output;

/// <summary>The one-word validity status shown in lists: <c>valid</c>, <c>expiring</c>, <c>expired</c>, <c>not-yet-valid</c>.</summary>
internal static class CertificateStatus
{
    public static string Of(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now, TimeSpan expiringWithin) =>
        now < notBefore ? "not-yet-valid"
        : now > notAfter ? "expired"
        : notAfter - now <= expiringWithin ? "expiring"
        : "valid";
}
