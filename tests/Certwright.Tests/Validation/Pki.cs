namespace Certwright.Tests.Validation;

/// <summary>
/// Extension OIDs used by the tests, and builders for roots, intermediates and leaves with the usual
/// extensions; a <c>tweak</c> callback changes the specification before signing to create each defect.
/// </summary>
public static class Pki
{
    public const string BasicConstraints = "2.5.29.19";
    public const string KeyUsage = "2.5.29.15";
    public const string ExtKeyUsage = "2.5.29.37";
    public const string SubjectAltName = "2.5.29.17";
    public const string SubjectKeyId = "2.5.29.14";
    public const string AuthorityKeyId = "2.5.29.35";
    public const string NameConstraints = "2.5.29.30";
    public const string CertificatePolicies = "2.5.29.32";
    public const string PolicyMappings = "2.5.29.33";
    public const string PolicyConstraints = "2.5.29.36";
    public const string InhibitAnyPolicy = "2.5.29.54";

    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    public const string CodeSigning = "1.3.6.1.5.5.7.3.3";
    public const string EmailProtection = "1.3.6.1.5.5.7.3.4";
    public const string AnyEku = "2.5.29.37.0";
    public const string AnyPolicy = "2.5.29.32.0";

    public const int DigitalSignature = 0;
    public const int KeyEncipherment = 2;
    public const int KeyAgreement = 4;
    public const int KeyCertSign = 5;
    public const int CrlSign = 6;

    /// <summary>The time tests validate at: inside the default validity window.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TestCert Root(string name = "CN=Test Root", KeyKind kind = KeyKind.EcP256, Action<CertSpec>? tweak = null)
    {
        var key = TestKey.Create(kind);
        var spec = new CertSpec { Subject = Der.Name(name), Issuer = Der.Name(name), Key = key };
        spec.Set(BasicConstraints, true, Der.BasicConstraints(true));
        spec.Set(KeyUsage, true, Der.KeyUsage(KeyCertSign, CrlSign));
        spec.Set(SubjectKeyId, false, Der.KeyId(key.Spki));
        tweak?.Invoke(spec);
        return TestCert.Sign(spec, key);
    }

    public static TestCert Intermediate(TestCert issuer, string name = "CN=Test Intermediate", int? pathLength = null, KeyKind kind = KeyKind.EcP256, Action<CertSpec>? tweak = null, TestKey? key = null)
    {
        key ??= TestKey.Create(kind);
        var spec = new CertSpec { Subject = Der.Name(name), Issuer = issuer.Subject, Key = key };
        spec.Set(BasicConstraints, true, Der.BasicConstraints(true, pathLength));
        spec.Set(KeyUsage, true, Der.KeyUsage(KeyCertSign, CrlSign));
        spec.Set(SubjectKeyId, false, Der.KeyId(key.Spki));
        spec.Set(AuthorityKeyId, false, Der.AuthorityKeyId(issuer.Key.Spki));
        tweak?.Invoke(spec);
        return TestCert.Sign(spec, issuer.Key);
    }

    public static TestCert Leaf(TestCert issuer, string dnsName = "example.com", KeyKind kind = KeyKind.EcP256, Action<CertSpec>? tweak = null)
    {
        var key = TestKey.Create(kind);
        var spec = new CertSpec { Subject = Der.Name("CN=" + dnsName), Issuer = issuer.Subject, Key = key };
        spec.Set(BasicConstraints, true, Der.BasicConstraints(false));
        var usage = kind is KeyKind.Rsa2048 or KeyKind.Rsa1024 ? Der.KeyUsage(DigitalSignature, KeyEncipherment) : Der.KeyUsage(DigitalSignature);
        spec.Set(KeyUsage, true, usage);
        spec.Set(ExtKeyUsage, false, Der.Oids(ServerAuth));
        spec.Set(SubjectAltName, false, Der.GeneralNames(Der.Dns(dnsName)));
        spec.Set(SubjectKeyId, false, Der.KeyId(key.Spki));
        spec.Set(AuthorityKeyId, false, Der.AuthorityKeyId(issuer.Key.Spki));
        tweak?.Invoke(spec);
        return TestCert.Sign(spec, issuer.Key);
    }

    /// <summary>A self-signed server certificate (no CA bit), as services make for themselves.</summary>
    public static TestCert SelfSignedLeaf(string dnsName = "example.com", Action<CertSpec>? tweak = null)
    {
        var key = TestKey.Create();
        var spec = new CertSpec { Subject = Der.Name("CN=" + dnsName), Issuer = Der.Name("CN=" + dnsName), Key = key };
        spec.Set(BasicConstraints, true, Der.BasicConstraints(false));
        spec.Set(KeyUsage, true, Der.KeyUsage(DigitalSignature));
        spec.Set(ExtKeyUsage, false, Der.Oids(ServerAuth));
        spec.Set(SubjectAltName, false, Der.GeneralNames(Der.Dns(dnsName)));
        spec.Set(SubjectKeyId, false, Der.KeyId(key.Spki));
        tweak?.Invoke(spec);
        return TestCert.Sign(spec, key);
    }

    /// <summary>Permitted/excluded name constraints as a tweak for a CA.</summary>
    public static Action<CertSpec> Constrain(byte[][]? permitted, byte[][]? excluded, bool critical = true) =>
        spec => spec.Set(NameConstraints, critical, Der.NameConstraints(permitted, excluded));
}
