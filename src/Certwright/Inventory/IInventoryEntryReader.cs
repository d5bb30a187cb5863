namespace Certwright.Inventory;

/// <summary>
/// The list of <see cref="IInventoryStore.OpenListAsync"/>, read row by row without building an
/// <see cref="InventoryEntry"/> or a string per row: fingerprints as raw bytes, text as the UTF-8 the store
/// holds. For output that streams hundreds of thousands of rows (<c>list --json</c>).
/// </summary>
/// <remarks>
/// Spans and values describe the current row and are valid until the next <see cref="Read"/> or dispose. Not
/// thread-safe. Each property means what the <see cref="InventoryEntry"/> property of the same name means.
/// </remarks>
public interface IInventoryEntryReader : IDisposable
{
    /// <summary>Moves to the next row, soonest expiry first; false when there is none.</summary>
    /// <exception cref="OperationCanceledException">The token given when opening was cancelled.</exception>
    bool Read();

    /// <summary>SHA-256 of the DER, 32 bytes.</summary>
    ReadOnlySpan<byte> Sha256 { get; }

    /// <summary>SHA-1 of the DER, 20 bytes.</summary>
    ReadOnlySpan<byte> Sha1 { get; }

    ReadOnlySpan<byte> SerialNumberUtf8 { get; }

    ReadOnlySpan<byte> SubjectUtf8 { get; }

    ReadOnlySpan<byte> IssuerUtf8 { get; }

    /// <summary>False when the certificate has no common name (<see cref="CommonNameUtf8"/> is then empty).</summary>
    bool HasCommonName { get; }

    ReadOnlySpan<byte> CommonNameUtf8 { get; }

    DateTimeOffset NotBefore { get; }

    DateTimeOffset NotAfter { get; }

    ReadOnlySpan<byte> KeyDescriptionUtf8 { get; }

    int KeyBits { get; }

    ReadOnlySpan<byte> SignatureAlgorithmUtf8 { get; }

    ReadOnlySpan<byte> SubjectAlternativeNamesUtf8 { get; }

    bool IsCertificateAuthority { get; }

    bool IsSelfSigned { get; }

    int SightingCount { get; }

    ReadOnlySpan<byte> FirstLocationUtf8 { get; }

    DateTimeOffset FirstSeen { get; }
}
