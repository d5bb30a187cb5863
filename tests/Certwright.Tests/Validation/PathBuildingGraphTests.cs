using Certwright.Policy;

namespace Certwright.Tests.Validation;

/// <summary>Harder trust graphs, after x509-limbo's pathological cases and BetterTLS path building.</summary>
public sealed class PathBuildingGraphTests
{
    [Fact]
    public void Validate_MutuallyCrossSignedRootsWithTrustedSelfSignedRoot_Valid()
    {
        // leaf -> A1 -> (A <-> B <-> C) with A also a trusted self-signed root (CVE-2024-0567 in GnuTLS).
        var keyA = TestKey.Create();
        var keyB = TestKey.Create();
        var keyC = TestKey.Create();
        var rootA = Pki.Root("CN=Root A", tweak: s => s.Key = keyA);
        var a1 = Pki.Intermediate(rootA, "CN=Intermediate A1");
        var aByB = Cross("CN=Root A", keyA, "CN=Root B", keyB);
        var aByC = Cross("CN=Root A", keyA, "CN=Root C", keyC);
        var bByA = Cross("CN=Root B", keyB, "CN=Root A", keyA);
        var bByC = Cross("CN=Root B", keyB, "CN=Root C", keyC);
        var cByA = Cross("CN=Root C", keyC, "CN=Root A", keyA);
        var cByB = Cross("CN=Root C", keyC, "CN=Root B", keyB);
        var scenario = new Scenario(Pki.Leaf(a1), rootA).Presenting(aByB, aByC, bByA, bByC, cByA, cByB, a1);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(3, result.Path.Count);
    }

    [Fact]
    public void Validate_MutuallyCrossSignedRootsWithoutTrustedRoot_TerminatesWithUntrustedOrIncomplete()
    {
        var keyB = TestKey.Create();
        var keyC = TestKey.Create();
        var bByC = Cross("CN=Root B", keyB, "CN=Root C", keyC);
        var cByB = Cross("CN=Root C", keyC, "CN=Root B", keyB);
        var issuing = Pki.Intermediate(bByC, "CN=Issuing");
        var scenario = new Scenario(Pki.Leaf(issuing), Pki.Root("CN=Unrelated")).Presenting(issuing, bByC, cByB);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.IncompleteChain], result.Codes);
    }

    [Fact]
    public void Validate_AlternativeIssuerAvoidsNameConstraintViolation()
    {
        // EE -> ICA' (SAN forbidden by ICA_A) -> ICA_A (NC) -> root A, or EE -> ICA'' -> root B: take the second.
        var rootA = Pki.Root("CN=Root A");
        var rootB = Pki.Root("CN=Root B");
        var icaA = Pki.Intermediate(rootA, "CN=ICA A", tweak: Pki.Constrain(null, [Der.Dns("forbidden.example.com")]));
        var key = TestKey.Create();
        var viaA = Pki.Intermediate(icaA, "CN=Shared ICA", key: key, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("forbidden.example.com"))));
        var viaB = Pki.Intermediate(rootB, "CN=Shared ICA", key: key);
        var scenario = new Scenario(Pki.Leaf(viaA, "unconstrained.example.com"), rootA, rootB) { Host = "unconstrained.example.com" }.Presenting(icaA, viaA, viaB);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(viaB.Sha256, result.Path[1].Sha256);
    }

    [Fact]
    public void Validate_GraphWithSeveralBadEdges_FindsTheOnlyGoodPath()
    {
        // ICA is cross-signed four ways: by X (expired), by Y (EKU emailProtection), by Z (not a CA
        // issuer: cA=FALSE) and by W (good); X, Y, Z, W are all signed by the trusted root.
        var root = Pki.Root("CN=Trust Root");
        var x = Pki.Intermediate(root, "CN=X", tweak: s => s.NotAfter = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var y = Pki.Intermediate(root, "CN=Y", tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.EmailProtection)));
        var z = Pki.Intermediate(root, "CN=Z", tweak: s => s.Set(Pki.BasicConstraints, true, Der.BasicConstraints(false)).Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.DigitalSignature)));
        var w = Pki.Intermediate(root, "CN=W");
        var key = TestKey.Create();
        var icaByX = Pki.Intermediate(x, "CN=ICA", key: key);
        var icaByY = Pki.Intermediate(y, "CN=ICA", key: key);
        var icaByZ = Pki.Intermediate(z, "CN=ICA", key: key);
        var icaByW = Pki.Intermediate(w, "CN=ICA", key: key);
        var leaf = Pki.Leaf(icaByX);
        var scenario = new Scenario(leaf, root).Presenting(icaByX, icaByY, icaByZ, x, y, z, icaByW, w);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal([leaf.Sha256, icaByW.Sha256, w.Sha256, root.Sha256], result.Path.Select(e => e.Sha256));
    }

    [Fact]
    public void Validate_GraphWithOnlyBadEdges_ReportsTheLeastBadCompletePath()
    {
        var root = Pki.Root("CN=Trust Root");
        var x = Pki.Intermediate(root, "CN=X", tweak: s => s.NotAfter = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var y = Pki.Intermediate(root, "CN=Y", tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.EmailProtection)).NotAfter = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var key = TestKey.Create();
        var icaByX = Pki.Intermediate(x, "CN=ICA", key: key);
        var icaByY = Pki.Intermediate(y, "CN=ICA", key: key);
        var scenario = new Scenario(Pki.Leaf(icaByY), root).Presenting(icaByY, y, icaByX, x);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.Expired], result.Codes);
        Assert.Equal(x.Sha256, result.Path[2].Sha256);
    }

    [Fact]
    public void Validate_RootWithMismatchedAuthorityKeyId_RejectedUnderWebPki()
    {
        var root = Pki.Root(tweak: s => s.Set(Pki.AuthorityKeyId, false, Der.AuthorityKeyId(TestKey.Create().Spki)));

        Assert.Equal([FindingCodes.NonconformingCertificate], new Scenario(Pki.Leaf(root), root).Certwright().Codes);
    }

    private static TestCert Cross(string subject, TestKey key, string issuer, TestKey issuerKey)
    {
        var spec = new CertSpec { Subject = Der.Name(subject), Issuer = Der.Name(issuer), Key = key };
        spec.Set(Pki.BasicConstraints, true, Der.BasicConstraints(true));
        spec.Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.KeyCertSign));
        spec.Set(Pki.SubjectKeyId, false, Der.KeyId(key.Spki));
        spec.Set(Pki.AuthorityKeyId, false, Der.AuthorityKeyId(issuerKey.Spki));
        return TestCert.Sign(spec, issuerKey);
    }
}
