using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Bench.CertGen;

/// <summary>
/// One thread's certificate encoder: splices the pre-encoded parts around the per-certificate fields
/// (serial, validity, subject, SAN), signs the TBS once and wraps it. Not thread-safe by design.
/// </summary>
internal sealed class LeafEncoder : IDisposable
{
    private static readonly byte[] BasicConstraints = Der.Extension(new X509BasicConstraintsExtension(false, false, 0, critical: true));
    private static readonly byte[] ServerAuth = Der.Extension(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], critical: false));
    private static readonly byte[] ServerClientAuth = Der.Extension(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1"), new("1.3.6.1.5.5.7.3.2")], critical: false));
    private static readonly byte[] CertificatePolicies = DomainValidatedPolicy();
    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);

    private readonly AsnWriter _tbs = new(AsnEncodingRules.DER);
    private readonly AsnWriter _certificate = new(AsnEncodingRules.DER);
    private readonly LeafKey[] _keys;
    private readonly IssuerSigner[] _signers;

    public LeafEncoder(LeafKey[] keys, IssuerTemplate[] issuers)
    {
        _keys = keys;
        _signers = [.. issuers.Select(i => i.CreateSigner())];
    }

    public byte[] Encode(LeafSpec spec)
    {
        var signer = _signers[spec.IssuerIndex];
        var issuer = signer.Template;
        var key = _keys[spec.KeyIndex];

        _tbs.Reset();
        _tbs.PushSequence();
        _tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
        _tbs.WriteInteger(2);
        _tbs.PopSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
        _tbs.WriteInteger(spec.Serial);
        _tbs.WriteEncodedValue(issuer.SignatureAlgorithm);
        _tbs.WriteEncodedValue(issuer.NameDer);
        _tbs.PushSequence();
        Der.WriteTime(_tbs, spec.NotBefore);
        Der.WriteTime(_tbs, spec.NotAfter);
        _tbs.PopSequence();
        _tbs.PushSequence();
        Der.WriteRdn(_tbs, "2.5.4.6", "US", UniversalTagNumber.PrintableString);
        Der.WriteRdn(_tbs, "2.5.4.10", spec.Organization, UniversalTagNumber.UTF8String);
        Der.WriteRdn(_tbs, "2.5.4.3", spec.CommonName, UniversalTagNumber.UTF8String);
        _tbs.PopSequence();
        _tbs.WriteEncodedValue(key.SubjectPublicKeyInfo);
        WriteExtensions(spec, issuer, key);
        _tbs.PopSequence();
        var tbs = _tbs.Encode();

        _certificate.Reset();
        _certificate.PushSequence();
        _certificate.WriteEncodedValue(tbs);
        _certificate.WriteEncodedValue(issuer.SignatureAlgorithm);
        _certificate.WriteBitString(signer.Sign(tbs));
        _certificate.PopSequence();
        return _certificate.Encode();
    }

    public void Dispose()
    {
        foreach (var signer in _signers)
        {
            signer.Dispose();
        }
    }

    private void WriteExtensions(LeafSpec spec, IssuerTemplate issuer, LeafKey key)
    {
        var explicit3 = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
        _tbs.PushSequence(explicit3);
        _tbs.PushSequence();
        _tbs.WriteEncodedValue(BasicConstraints);
        _tbs.WriteEncodedValue(key.KeyUsageExtension);
        _tbs.WriteEncodedValue(spec.ClientAuth ? ServerClientAuth : ServerAuth);
        _tbs.WriteEncodedValue(key.SubjectKeyIdExtension);
        _tbs.WriteEncodedValue(issuer.AuthorityKeyIdExtension);

        _tbs.PushSequence();
        _tbs.WriteObjectIdentifier(Der.OidSubjectAltName);
        _tbs.PushOctetString();
        _tbs.PushSequence();
        foreach (var name in spec.DnsNames)
        {
            _tbs.WriteCharacterString(UniversalTagNumber.IA5String, name, DnsNameTag);
        }

        _tbs.PopSequence();
        _tbs.PopOctetString();
        _tbs.PopSequence();

        _tbs.WriteEncodedValue(issuer.AuthorityInfoAccessExtension);
        _tbs.WriteEncodedValue(issuer.CrlDistributionPointsExtension);
        _tbs.WriteEncodedValue(CertificatePolicies);
        _tbs.PopSequence();
        _tbs.PopSequence(explicit3);
    }

    /// <summary>certificatePolicies with the CA/B Forum domain-validated policy 2.23.140.1.2.1.</summary>
    private static byte[] DomainValidatedPolicy()
    {
        var value = new AsnWriter(AsnEncodingRules.DER);
        value.PushSequence();
        value.PushSequence();
        value.WriteObjectIdentifier("2.23.140.1.2.1");
        value.PopSequence();
        value.PopSequence();
        return Der.Extension(new X509Extension("2.5.29.32", value.Encode(), critical: false));
    }
}
