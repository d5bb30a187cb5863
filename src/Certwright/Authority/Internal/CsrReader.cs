using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using Certwright.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
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
        Pkcs10CertificationRequest csr;
        CertificationRequestInfo info;
        byte[] spki;
        try
        {
            csr = new Pkcs10CertificationRequest(der);
            info = csr.GetCertificationRequestInfo();
            spki = info.SubjectPublicKeyInfo.GetEncoded(Asn1Encodable.Der);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw Malformed(source, e);
        }

        var keyType = SubjectKeys.Detect(spki, out var description)
            ?? throw new CertwrightException(ErrorKind.Usage, $"CSR {source} has a key of {description}, which Certwright does not issue for; use one of {KeyTypes.NameList}");
        bool valid;
        try
        {
            valid = CsrSignature.TryVerify(der, spki) ?? csr.Verify();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Crypto.CryptoException or AsnContentException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"CSR {source} has a signature that cannot be checked ({e.Message.TrimEnd('.')}); make a new CSR", e);
        }

        if (!valid)
        {
            throw new CertwrightException(ErrorKind.Usage, $"CSR {source} has a bad signature (not signed by its own key); make a new CSR");
        }

        var subject = info.Subject.GetEncoded(Asn1Encodable.Der);
        _ = Certwright.Certificates.DistinguishedNameFormatter.Format(subject, out var commonName);
        return new VerifiedCsr(subject, spki, keyType, commonName, RequestedNames(info, source));
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

    private static List<SubjectAltName> RequestedNames(CertificationRequestInfo info, string source)
    {
        var names = new List<SubjectAltName>();
        if (info.Attributes is null)
        {
            return names;
        }

        try
        {
            foreach (var element in info.Attributes)
            {
                var attribute = AttributePkcs.GetInstance(element);
                if (!attribute.AttrType.Equals(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest))
                {
                    continue;
                }

                foreach (var value in attribute.AttrValues)
                {
                    var extensions = X509Extensions.GetInstance(value);
                    var san = extensions.GetExtension(X509Extensions.SubjectAlternativeName);
                    if (san is null)
                    {
                        continue;
                    }

                    foreach (var name in GeneralNames.GetInstance(san.GetParsedValue()).GetNames())
                    {
                        names.Add(ToSan(name, source));
                    }
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            throw Malformed(source, e);
        }

        return names;
    }

    private static SubjectAltName ToSan(GeneralName name, string source)
    {
        switch (name.TagNo)
        {
            case GeneralName.DnsName: return SubjectAltName.Parse("dns:" + DerIA5String.GetInstance(name.Name).GetString());
            case GeneralName.Rfc822Name: return SubjectAltName.Parse("email:" + DerIA5String.GetInstance(name.Name).GetString());
            case GeneralName.UniformResourceIdentifier: return SubjectAltName.Parse("uri:" + DerIA5String.GetInstance(name.Name).GetString());
            case GeneralName.IPAddress:
                var bytes = Asn1OctetString.GetInstance(name.Name).GetOctets();
                if (bytes.Length is 4 or 16)
                {
                    return new SubjectAltName(SubjectAltNameType.Ip, new System.Net.IPAddress(bytes).ToString());
                }

                break;
        }

        throw new CertwrightException(ErrorKind.Usage, $"CSR {source} requests a SAN of type {name.TagNo} that Certwright does not issue; request DNS, IP, URI or email names");
    }
}
