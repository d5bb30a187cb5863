using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>
/// openssl's TRUSTED CERTIFICATE: a certificate followed by an X509_CERT_AUX trailer
/// (SEQUENCE { trust, [0] reject, alias UTF8String, keyid, [1] other }, all optional). The trust
/// settings are openssl-specific and ignored; the alias is kept.
/// </summary>
internal static class TrustedCertificate
{
    private static readonly Asn1Tag RejectTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    public static void Add(byte[] der, ContainerResultBuilder result, out string? error)
    {
        if (Split(der, out var certificateLength, out var alias, out error))
        {
            result.TryAdd(der.AsMemory(0, certificateLength), out error, alias);
        }
    }

    /// <summary>Finds where the certificate ends and reads the alias from the trailer.</summary>
    public static bool Split(ReadOnlySpan<byte> der, out int certificateLength, out string? alias, out string? error)
    {
        try
        {
            var reader = new DerReader(der);
            certificateLength = reader.ReadEncoded().Length;
            alias = reader.HasData ? ReadAlias(reader.Remaining) : null;
            error = null;
            return true;
        }
        catch (AsnContentException e)
        {
            certificateLength = 0;
            alias = null;
            error = $"not a valid trusted certificate: {e.Message}";
            return false;
        }
    }

    private static string? ReadAlias(ReadOnlySpan<byte> trailer)
    {
        var outer = new DerReader(trailer);
        var aux = outer.ReadSequence();
        aux.SkipIf(Asn1Tag.Sequence);
        aux.SkipIf(RejectTag);
        if (aux.NextIs(new Asn1Tag(UniversalTagNumber.UTF8String)))
        {
            aux.ReadEncoded(out var tag, out var contents);
            return AsnText.Decode(tag, contents);
        }

        return null;
    }
}
