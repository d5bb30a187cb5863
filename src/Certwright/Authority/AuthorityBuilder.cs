using System.Security.Cryptography;
using Certwright.Certificates;
using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>
/// <c>ca init</c>: generates a root and an issuing intermediate in a key store, and records the CA (and both
/// certificates, under the profiles "root" and "intermediate") in the ledger.
/// </summary>
public sealed class AuthorityBuilder
{
    public const string RootProfile = "root";
    public const string IntermediateProfile = "intermediate";

    private readonly IAuthorityStore _store;
    private readonly TimeProvider _timeProvider;

    public AuthorityBuilder(IAuthorityStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates the CA; its keys are generated in <paramref name="keyStore"/> labelled NAME-root and NAME-issuing.</summary>
    /// <exception cref="CertwrightException">Usage: bad options, a CA with that name exists, or the key store refused.</exception>
    public async Task<AuthorityRecord> CreateAsync(AuthorityOptions options, IKeyStore keyStore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyStore);
        options.Validate();
        if (await _store.FindAuthorityAsync(options.Name, cancellationToken) is not null)
        {
            throw new CertwrightException(ErrorKind.Usage, $"a CA named '{options.Name}' exists; choose another name ('certwright ca list' shows them)");
        }

        var now = _timeProvider.GetUtcNow();
        var notBefore = now - CertificateIssuer.ClockSkew;
        using var rootKey = await keyStore.GenerateAsync(options.KeyType, $"{options.Name}-root", cancellationToken);
        using var issuingKey = await keyStore.GenerateAsync(options.KeyType, $"{options.Name}-issuing", cancellationToken);
        var root = CaCertificates.Root(rootKey, $"{options.Name} Root CA", notBefore, now + options.RootValidity);
        var rootNotAfter = new DateTimeOffset(root.NotAfter, TimeSpan.Zero);
        var intermediateNotAfter = now + options.IntermediateValidity < rootNotAfter ? now + options.IntermediateValidity : rootNotAfter;
        var intermediate = CaCertificates.Intermediate(issuingKey, root, rootKey, $"{options.Name} Issuing CA", notBefore, intermediateNotAfter, options);

        var record = new AuthorityRecord(
            options.Name,
            intermediate.GetEncoded(),
            [root.GetEncoded()],
            new AuthorityKeyReference(keyStore.Kind, issuingKey.Id, options.KeyType, options.Pkcs11),
            options.PublicUrl,
            now);
        await _store.AddAuthorityAsync(record, cancellationToken);
        await _store.RecordIssuedAsync(ToIssued(options.Name, RootProfile, record.Chain[0], now), cancellationToken);
        await _store.RecordIssuedAsync(ToIssued(options.Name, IntermediateProfile, record.IssuingCertificate, now), cancellationToken);
        return record;
    }

    internal static IssuedCertificate ToIssued(string authority, string profile, byte[] der, DateTimeOffset issuedAt)
    {
        var certificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(der);
        var subject = DistinguishedNameFormatter.Format(certificate.CertificateStructure.Subject.GetEncoded(), out _);
        return new IssuedCertificate(
            authority,
            profile,
            certificate.SerialNumber.ToByteArrayUnsigned(),
            Convert.ToHexStringLower(SHA256.HashData(der)),
            subject,
            new DateTimeOffset(certificate.NotBefore, TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero),
            issuedAt,
            der);
    }
}
