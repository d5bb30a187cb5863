using System.Security.Cryptography;
using Certwright.Authority.Internal;
using Certwright.Keys;
using Certwright.Keys.Internal;

namespace Certwright.Authority;

/// <summary>
/// <c>ca import</c>: takes an existing issuing CA (certificate, chain, private key) into the encrypted key store and the
/// ledger, after checking that it is a CA, that the key is its key and that the chain links up to a self-signed root.
/// The CA certificates are recorded under the profile "imported".
/// </summary>
public sealed class AuthorityImporter
{
    public const string ImportedProfile = "imported";

    private readonly IAuthorityStore _store;
    private readonly TimeProvider _timeProvider;

    public AuthorityImporter(IAuthorityStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>Checks the input, stores the key in <paramref name="keys"/> (labelled NAME-issuing) and adds the CA.</summary>
    /// <exception cref="CertwrightException">Usage: a bad name, an existing CA, not a CA, a chain that does not link, a key that does not fit.</exception>
    public async Task<AuthorityRecord> ImportAsync(AuthorityImport request, EncryptedFileKeyStore keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        AuthorityOptions.ValidateName(request.Name);
        if (request.PublicUrl is { } url && url.Scheme is not ("http" or "https"))
        {
            throw new CertwrightException(ErrorKind.Usage, $"public URL '{url}' is not http(s); give --public-url http://HOST:PORT");
        }

        if (await _store.FindAuthorityAsync(request.Name, cancellationToken) is not null)
        {
            throw new CertwrightException(ErrorKind.Usage, $"a CA named '{request.Name}' exists; choose another name ('certwright ca list' shows them)");
        }

        var certificates = ImportedChain.Read(request.Certificate, request.CertificateSource);
        var chain = certificates.Skip(1).Concat(request.Chain is null ? [] : ImportedChain.Read(request.Chain, request.ChainSource)).ToList();
        var now = _timeProvider.GetUtcNow();
        ImportedChain.Check(certificates[0], chain, now);

        var pkcs8 = ImportedKeyReader.ReadPkcs8(request.Key, request.KeySource, request.KeyPassword, request.KeyPassword is not null);
        try
        {
            var issuingDer = certificates[0].GetEncoded();
            using (var probe = SoftwareKeys.FromPkcs8(KeyIds.NewId(), pkcs8, request.KeySource))
            {
                var certificateKey = certificates[0].CertificateStructure.SubjectPublicKeyInfo.GetEncoded(Org.BouncyCastle.Asn1.Asn1Encodable.Der);
                if (!probe.SubjectPublicKeyInfo.AsSpan().SequenceEqual(certificateKey))
                {
                    throw new CertwrightException(ErrorKind.Usage, $"key {request.KeySource} does not match CA certificate '{ImportedChain.Subject(certificates[0])}' (their public keys differ); give that CA's own key");
                }
            }

            using var key = await keys.ImportAsync($"{request.Name}-issuing", pkcs8, $"{request.KeySource}", cancellationToken);
            var record = new AuthorityRecord(
                request.Name,
                issuingDer,
                [.. chain.Select(c => c.GetEncoded())],
                new AuthorityKeyReference(KeyStoreKind.File, key.Id, key.Type),
                request.PublicUrl,
                now);
            await _store.AddAuthorityAsync(record, cancellationToken);
            foreach (var der in record.Chain.Prepend(record.IssuingCertificate))
            {
                await _store.RecordIssuedAsync(AuthorityBuilder.ToIssued(request.Name, ImportedProfile, der, now), cancellationToken);
            }

            return record;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
