using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>
/// A CA as stored: its issuing (intermediate) certificate, the chain above it up to the root, and where its
/// signing key lives. Opening the key is a separate step (<see cref="IKeyStore.OpenAsync"/>) because it costs a
/// passphrase derivation or an HSM login.
/// </summary>
/// <param name="Name">The CA's name, unique in the data directory: <c>[a-z0-9][a-z0-9-]{0,62}</c>.</param>
/// <param name="IssuingCertificate">DER of the certificate that signs leaves, CRLs and OCSP responses (the intermediate).</param>
/// <param name="Chain">DER of the certificates above it, issuer first, ending with the self-signed root.</param>
/// <param name="IssuingKey">Where the issuing key lives: store kind and the store's key id.</param>
/// <param name="PublicUrl">Base URL under which <c>certwright serve</c> is reachable, e.g. <c>http://ca.internal:8080</c>; issued
/// certificates then carry AIA (OCSP <c>{PublicUrl}/ocsp</c>, caIssuers <c>{PublicUrl}/ca/{Name}.crt</c>) and CRL DP
/// (<c>{PublicUrl}/crl/{Name}.crl</c>). Null: no AIA/CDP.</param>
/// <param name="Created">When the CA was created or imported.</param>
public sealed record AuthorityRecord(
    string Name,
    byte[] IssuingCertificate,
    IReadOnlyList<byte[]> Chain,
    AuthorityKeyReference IssuingKey,
    Uri? PublicUrl,
    DateTimeOffset Created);

/// <summary>Where a CA key lives. <paramref name="Pkcs11"/> is set for HSM keys (module path and token label; the PIN is never stored).</summary>
public sealed record AuthorityKeyReference(KeyStoreKind Store, string KeyId, KeyType Type, Pkcs11Location? Pkcs11 = null);

/// <summary>The module and token of an HSM key.</summary>
public sealed record Pkcs11Location(string ModulePath, string TokenLabel);
