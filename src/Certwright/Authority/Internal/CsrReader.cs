using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using Certwright.Keys;
using Org.BouncyCastle.Pkcs;

namespace Certwright.Authority;

/// <summary>A PKCS#10 request whose signature has been verified.</summary>
internal sealed record VerifiedCsr(byte[] SubjectName, byte[] SubjectPublicKeyInfo, KeyType KeyType, string? CommonName, IReadOnlyList<SubjectAltName> SubjectAltNames);

/// <summary>Reads a CSR (PEM or DER), verifies its self-signature and extracts subject, key and requested SANs.</summary>
internal static class CsrReader
{
    /// <summary>Larger than any honest CSR (an ML-DSA-87 one is about 7.5 KB).</summary>
    public const int MaximumBytes = 64 * 1024;

    /// <exception cref="CertwrightException">Usage: malformed, bad signature, unsupported key, or a SAN Certwright does not issue.</exception>
    public static VerifiedCsr Read(ReadOnlySpan<byte> input, string source)
    {
        if (input.Length > MaximumBytes)
        {
            throw new CertwrightException(ErrorKind.Usage, $"CSR {source} is larger than {MaximumBytes / 1024} KiB; give a PKCS#10 request");
        }

        var der = ToDer(input, source);
        byte[] subject;
        byte[] spki;
        IReadOnlyList<SubjectAltName> names;
        try
        {
            // Read with System.Formats.Asn1 (DER): a tenth of what building BouncyCastle's object tree cost per CSR.
            var request = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var info = request.ReadSequence();
            if (!info.TryReadInt32(out var version) || version != 0)
            {
                throw new AsnContentException("CertificationRequestInfo version is not 0");
            }

            subject = info.ReadEncodedValue().ToArray();
            spki = info.ReadEncodedValue().ToArray();
            names = info.HasData ? RequestedNames(info.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 0)), source) : [];
        }
        catch (AsnContentException e)
        {
            throw Malformed(source, e);
        }

        var keyType = SubjectKeys.Detect(spki, out var description)
            ?? throw new CertwrightException(ErrorKind.Usage, $"CSR {source} has a key of {description}, which Certwright does not issue for; use one of {KeyTypes.NameList}");
        bool valid;
        try
        {
            valid = CsrSignature.TryVerify(der, spki) ?? new Pkcs10CertificationRequest(der).Verify();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Crypto.CryptoException or AsnContentException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"CSR {source} has a signature that cannot be checked ({e.Message.TrimEnd('.')}); make a new CSR", e);
        }

        if (!valid)
        {
            throw new CertwrightException(ErrorKind.Usage, $"CSR {source} has a bad signature (not signed by its own key); make a new CSR");
        }

        _ = Certwright.Certificates.DistinguishedNameFormatter.Format(subject, out var commonName);
        return new VerifiedCsr(subject, spki, keyType, commonName, names);
    }

    private static byte[] ToDer(ReadOnlySpan<byte> input, string source)
    {
        var trimmed = input.TrimStart(" \t\r\n"u8);
        if (!trimmed.StartsWith("-----"u8))
        {
            return trimmed.ToArray();
        }

        var text = Encoding.ASCII.GetString(trimmed);
        if (PemEncoding.TryFind(text, out var fields)
            && text[fields.Label] is "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST")
        {
            try
            {
                return Convert.FromBase64String(text[fields.Base64Data]);
            }
            catch (FormatException e)
            {
                throw Malformed(source, e);
            }
        }

        throw new CertwrightException(ErrorKind.Usage, $"CSR {source} has no CERTIFICATE REQUEST PEM block; give a PKCS#10 request (openssl req -new)");
    }

    private static CertwrightException Malformed(string source, Exception e) =>
        new(ErrorKind.Usage, $"CSR {source} is not a valid PKCS#10 request; make one with 'openssl req -new'", e);

    private const string ExtensionRequest = "1.2.840.113549.1.9.14";
    private const string SubjectAltNameExtension = "2.5.29.17";

    /// <summary>The SANs of the PKCS#9 extensionRequest attribute (RFC 2986 attributes, RFC 5280 GeneralNames).</summary>
    private static List<SubjectAltName> RequestedNames(AsnReader attributes, string source)
    {
        var names = new List<SubjectAltName>();
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            if (attribute.ReadObjectIdentifier() != ExtensionRequest)
            {
                continue;
            }

            var values = attribute.ReadSetOf();
            while (values.HasData)
            {
                var extensions = values.ReadSequence();
                while (extensions.HasData)
                {
                    var extension = extensions.ReadSequence();
                    var oid = extension.ReadObjectIdentifier();
                    if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                    {
                        extension.ReadBoolean();
                    }

                    var value = extension.ReadOctetString();
                    if (oid != SubjectAltNameExtension)
                    {
                        continue;
                    }

                    var generalNames = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
                    while (generalNames.HasData)
                    {
                        names.Add(ToSan(generalNames, source));
                    }
                }
            }
        }

        return names;
    }

    private static SubjectAltName ToSan(AsnReader generalNames, string source)
    {
        var tag = generalNames.PeekTag();
        if (tag.TagClass == TagClass.ContextSpecific && !tag.IsConstructed)
        {
            switch (tag.TagValue)
            {
                case 1: return SubjectAltName.Parse("email:" + generalNames.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                case 2: return SubjectAltName.Parse("dns:" + generalNames.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                case 6: return SubjectAltName.Parse("uri:" + generalNames.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                case 7:
                    var bytes = generalNames.ReadOctetString(tag);
                    if (bytes.Length is 4 or 16)
                    {
                        return new SubjectAltName(SubjectAltNameType.Ip, new System.Net.IPAddress(bytes).ToString());
                    }

                    break;
            }
        }

        throw new CertwrightException(ErrorKind.Usage, $"CSR {source} requests a SAN of type {tag.TagValue} that Certwright does not issue; request DNS, IP, URI or email names");
    }
}
