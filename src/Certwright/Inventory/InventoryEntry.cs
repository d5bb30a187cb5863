namespace Certwright.Inventory;

/// <summary>One certificate as the inventory lists it: what a list table or its JSON needs, without the DER.</summary>
public sealed record InventoryEntry
{
    /// <summary>The shortest fingerprint prefix <see cref="IInventoryStore.FindAsync"/> accepts, in hex digits.</summary>
    public const int MinimumFingerprintPrefix = 8;

    /// <summary>SHA-256 of the DER, lowercase hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>SHA-1 of the DER, lowercase hex.</summary>
    public required string Sha1 { get; init; }

    /// <summary>Serial number, uppercase hex without leading zero bytes.</summary>
    public required string SerialNumber { get; init; }

    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public string? CommonName { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>Key in display form: <c>RSA 2048</c>, <c>EC P-256</c>, <c>Ed25519</c>.</summary>
    public required string KeyDescription { get; init; }

    /// <summary>Key size in bits, as in <see cref="Certificates.PublicKeyDescription.SizeBits"/>.</summary>
    public required int KeyBits { get; init; }

    public required string SignatureAlgorithm { get; init; }

    /// <summary>Subject alternative names in openssl's form (<c>DNS:a, IP:10.0.0.1</c>), shortened when very long.</summary>
    public required string SubjectAlternativeNames { get; init; }

    public required bool IsCertificateAuthority { get; init; }

    public required bool IsSelfSigned { get; init; }

    /// <summary>Number of places the certificate was seen.</summary>
    public required int SightingCount { get; init; }

    /// <summary>Where the inventory first saw the certificate, in <see cref="SightingLocation.ToString"/> form.</summary>
    public required string FirstLocation { get; init; }

    /// <summary>When the inventory first saw the certificate.</summary>
    public required DateTimeOffset FirstSeen { get; init; }
}
