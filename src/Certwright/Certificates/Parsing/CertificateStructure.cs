using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>Where one field is in a certificate's encoding.</summary>
internal readonly record struct Segment(int Offset, int Length)
{
    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> der) => der.Slice(Offset, Length);

    public ReadOnlyMemory<byte> Of(ReadOnlyMemory<byte> der) => der.Slice(Offset, Length);
}

/// <summary>
/// Where each field of one certificate is, as segments of its encoding (offsets, so that the hot
/// path slices one span instead of many memories), plus the few values every reader
/// needs (version, validity, signature algorithm). Made by <see cref="CertificateDecoder"/> in one pass
/// that checks the outline only; names, the key and the extensions are decoded by whoever needs them
/// (the inventory record and the path validator want different things from them).
/// </summary>
internal readonly struct CertificateStructure
{
    /// <summary>The whole certificate.</summary>
    public required ReadOnlyMemory<byte> Der { get; init; }

    /// <summary>The encoding rules the outline was read with (BER for the inventory, DER for the validator's first try).</summary>
    public required AsnEncodingRules Rules { get; init; }

    /// <summary>The TBSCertificate encoding: what the signature covers.</summary>
    public required Segment Tbs { get; init; }

    /// <summary>The outer signatureAlgorithm AlgorithmIdentifier encoding.</summary>
    public required Segment SignatureAlgorithm { get; init; }

    public required OidInfo SignatureAlgorithmOid { get; init; }

    /// <summary>The signatureValue BIT STRING encoding (tag and length included).</summary>
    public required Segment SignatureValue { get; init; }

    /// <summary>1, 2 or 3.</summary>
    public required int Version { get; init; }

    /// <summary>The serialNumber INTEGER contents (two's complement, big-endian).</summary>
    public required Segment SerialNumber { get; init; }

    /// <summary>The AlgorithmIdentifier inside the TBS, which RFC 5280 requires to equal the outer one.</summary>
    public required Segment TbsSignatureAlgorithm { get; init; }

    /// <summary>The issuer Name encoding.</summary>
    public required Segment Issuer { get; init; }

    /// <summary>The subject Name encoding.</summary>
    public required Segment Subject { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The notBefore Time encoding, for checks of its exact form.</summary>
    public required Segment NotBeforeEncoded { get; init; }

    public required Segment NotAfterEncoded { get; init; }

    /// <summary>The SubjectPublicKeyInfo encoding.</summary>
    public required Segment SubjectPublicKeyInfo { get; init; }

    public required bool HasUniqueIdentifier { get; init; }

    /// <summary>Whether the [3] extensions field is present (it may still hold an empty list).</summary>
    public required bool HasExtensions { get; init; }

    /// <summary>The contents of the extensions SEQUENCE OF (empty when absent).</summary>
    public required Segment Extensions { get; init; }

    /// <summary>Enumerates the extensions with the rules the outline was read with.</summary>
    public ExtensionEnumerator EnumerateExtensions(ReadOnlySpan<byte> der) => new(Extensions.Of(der), Rules);
}
