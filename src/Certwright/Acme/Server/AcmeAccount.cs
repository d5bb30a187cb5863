using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Acme.Server;

/// <summary>An ACME account of one CA's ACME server (RFC 8555 §7.1.2).</summary>
/// <param name="Id">Random id, lowercase hex; the account URL ends with it.</param>
/// <param name="Authority">The CA whose directory created it.</param>
/// <param name="KeyThumbprint">RFC 7638 SHA-256 thumbprint of the account key, base64url; unique per CA.</param>
/// <param name="Jwk">The account public key as JWK JSON.</param>
/// <param name="Contact">mailto: URLs.</param>
/// <param name="Status"><see cref="AcmeStatus.Valid"/> or <see cref="AcmeStatus.Deactivated"/>.</param>
/// <param name="CreatedAt">When newAccount created it.</param>
public sealed record AcmeAccount(
    string Id,
    string Authority,
    string KeyThumbprint,
    string Jwk,
    IReadOnlyList<string> Contact,
    string Status,
    DateTimeOffset CreatedAt);
