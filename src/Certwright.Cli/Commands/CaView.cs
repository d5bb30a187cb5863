using Certwright.Authority;
using Certwright.Keys;

namespace Certwright.Cli.Commands;

/// <summary>What <c>ca list</c> shows of a CA, read from its issuing certificate.</summary>
internal sealed record CaView(string KeyType, string Store, string Subject, DateTimeOffset NotAfter, string IssuingSha256, string RootSha256)
{
    public static CaView Of(AuthorityRecord record)
    {
        using var issuing = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(record.IssuingCertificate);
        var store = record.IssuingKey.Pkcs11 is { } hsm ? $"pkcs11:{hsm.TokenLabel}" : "file";
        return new CaView(
            KeyTypes.Format(record.IssuingKey.Type),
            store,
            issuing.Subject,
            new DateTimeOffset(issuing.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            Sha256(record.IssuingCertificate),
            Sha256(CaLedger.RootOf(record)));
    }

    private static string Sha256(byte[] der) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));
}
