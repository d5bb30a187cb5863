using System.Formats.Asn1;

namespace Certwright.Authority.Crl.Internal;

/// <summary>
/// Reads back what a scheduler needs from a CRL we published (number, thisUpdate, nextUpdate, entry count) without
/// building an object per entry. It does not verify the signature: the file is our own output, written atomically.
/// </summary>
internal static class CrlReader
{
    private const string CrlNumberOid = "2.5.29.20";

    /// <exception cref="CertwrightException">State: not a CRL with a number and a nextUpdate (a damaged or foreign file).</exception>
    public static CrlDocument Read(string authority, byte[] der, string source)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var list = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbs = list.ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadEncodedValue(); // version
            }

            tbs.ReadEncodedValue(); // signature
            tbs.ReadEncodedValue(); // issuer
            var thisUpdate = ReadTime(tbs);
            var nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : (DateTimeOffset?)null;
            var count = 0;
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    entries.ReadEncodedValue();
                    count++;
                }
            }

            long? number = null;
            if (tbs.HasData)
            {
                number = ReadNumber(tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence());
            }

            if (number is null || nextUpdate is null)
            {
                throw new CertwrightException(ErrorKind.State, $"{source} has no CRL number or no nextUpdate; delete it and run `certwright crl {authority}` to publish a new one");
            }

            return new CrlDocument(authority, number.Value, thisUpdate, nextUpdate.Value, count, der);
        }
        catch (AsnContentException e)
        {
            throw new CertwrightException(ErrorKind.State, $"{source} is not a readable CRL ({e.Message.TrimEnd('.')}); delete it and run `certwright crl {authority}` to publish a new one", e);
        }
    }

    private static long? ReadNumber(AsnReader extensions)
    {
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                extension.ReadBoolean();
            }

            var value = extension.ReadOctetString();
            if (oid == CrlNumberOid)
            {
                var reader = new AsnReader(value, AsnEncodingRules.DER);
                return reader.TryReadInt64(out var number) ? number : throw new AsnContentException("the CRL number does not fit 64 bits");
            }
        }

        return null;
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
