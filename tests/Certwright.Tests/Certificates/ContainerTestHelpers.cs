using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Certificates;

namespace Certwright.Tests.Certificates;

internal static class ContainerTestHelpers
{
    public static ContainerReadResult Read(string path, PasswordSource? passwords = null) =>
        new CertificateContainerReader(passwords).Read(path, File.ReadAllBytes(path));

    public static ContainerReadResult ReadText(string text, string source = "memory.pem") =>
        new CertificateContainerReader().Read(source, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>SHA-256 of a PEM or DER certificate file, computed by the platform (independent of the parser).</summary>
    public static string Sha256Of(string certificatePath)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
    }

    public static string[] Codes(ContainerReadResult result) => [.. result.Problems.Select(p => p.Code)];

    public static (string Sha256, int Position, string? Alias, bool HasKey)[] Summary(ContainerReadResult result) =>
        [.. result.Certificates.Select(c => (c.Certificate.Sha256, c.Position, c.Alias, c.HasPrivateKey))];
}
