using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Infrastructure;

/// <summary>Writes generated certificates where the CLI (and openssl, nginx) read them.</summary>
internal static class TestFiles
{
    /// <summary>The certificates as one PEM bundle, in order.</summary>
    public static string WritePem(this TempDirectory directory, string name, params TestCertificate[] certificates) =>
        directory.Write(name, TestPki.Bundle(certificates));

    public static string WriteDer(this TempDirectory directory, string name, TestCertificate certificate) =>
        directory.Write(name, certificate.Der);

    public static string WriteKey(this TempDirectory directory, string name, TestCertificate certificate) =>
        directory.Write(name, certificate.PrivateKeyPem);
}

/// <summary>
/// Validity windows relative to the real clock (the published binary reads the system clock). Expiry is
/// set half a day past whole days, so the CLI's floor of the days left is exactly the number asked for
/// during the next twelve hours, and no threshold sits within hours of a certificate.
/// </summary>
internal static class Expiry
{
    public static DateTimeOffset InDays(int days) => DateTimeOffset.UtcNow.AddDays(days).AddHours(12);

    /// <summary>Issued well before any expiry a test uses, so nothing is "not yet valid".</summary>
    public static DateTimeOffset IssuedLongAgo => DateTimeOffset.UtcNow.AddDays(-60);
}
