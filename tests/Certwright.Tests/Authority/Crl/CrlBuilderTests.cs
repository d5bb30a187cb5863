using Certwright.Authority;
using Certwright.Authority.Crl;
using Certwright.Keys;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Authority.Crl;

public sealed class CrlBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 30, 45, 678, TimeSpan.Zero);

    private static CrlBuilder CreateSut(TimeProvider? time = null, CrlOptions? options = null) =>
        new(options ?? new CrlOptions(), time ?? new FakeTimeProvider(Now));

    [Fact]
    public async Task Build_RevokedEntries_OpenSslVerifiesAgainstTheChain()
    {
        using var ca = new CrlTestAuthority();
        var crl = CreateSut().Build(ca.Authority, [new RevokedCertificate([0x01, 0x02], Now.AddDays(-1), RevocationReason.KeyCompromise)], 1);
        var file = ca.Directory.Write("x.crl", crl.Der);

        var result = await OpenSsl.TryRunAsync("crl", "-in", file, "-inform", "DER", "-CAfile", ca.ChainPem, "-noout", "-verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("verify OK", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_SignedByAnotherCa_OpenSslRejects()
    {
        using var ca = new CrlTestAuthority();
        using var other = new CrlTestAuthority();
        var crl = CreateSut().Build(ca.Authority, [], 1);
        var file = ca.Directory.Write("x.crl", crl.Der);

        var result = await OpenSsl.TryRunAsync("crl", "-in", file, "-inform", "DER", "-CAfile", other.ChainPem, "-noout", "-verify");

        Assert.DoesNotContain("verify OK", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Text_ShowsNumberDatesSerialsAndReasons()
    {
        using var ca = new CrlTestAuthority();
        RevokedCertificate[] revoked =
        [
            new([0x0A, 0x1B], new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), RevocationReason.KeyCompromise),
            new([0x00, 0xFF, 0x01], new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), RevocationReason.Superseded),
            new([0x33], new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), RevocationReason.Unspecified),
        ];
        var crl = CreateSut().Build(ca.Authority, revoked, 42);
        var file = ca.Directory.Write("x.crl", crl.Der);

        var text = await OpenSsl.RunAsync("crl", "-in", file, "-inform", "DER", "-noout", "-text");

        Assert.Contains("Version 2 (0x1)", text, StringComparison.Ordinal);
        Assert.Matches(@"X509v3 CRL Number: \n\s+42\n", text);
        Assert.Contains("Last Update: Mar 10 12:30:45 2026 GMT", text, StringComparison.Ordinal);
        Assert.Contains("Next Update: Mar 17 12:30:45 2026 GMT", text, StringComparison.Ordinal);
        Assert.Contains("Issuer: CN = Certwright CRL Test Issuing CA, O = Certwright Tests\n", text, StringComparison.Ordinal);
        Assert.Matches(@"Serial Number: 0A1B\n\s+Revocation Date: Mar  1 08:00:00 2026 GMT\n\s+CRL entry extensions:\n\s+X509v3 CRL Reason Code: \n\s+Key Compromise\n", text);
        Assert.Matches(@"Serial Number: FF01\n\s+Revocation Date: Mar  2 09:00:00 2026 GMT\n\s+CRL entry extensions:\n\s+X509v3 CRL Reason Code: \n\s+Superseded\n", text);
        Assert.Matches(@"Serial Number: 33\n\s+Revocation Date: Mar  3 10:00:00 2026 GMT\n\s+Signature Algorithm", text);
        Assert.Equal(2, text.Split("CRL Reason Code").Length - 1);
        Assert.Equal((42L, Now.AddTicks(-Now.Ticks % TimeSpan.TicksPerSecond), 3), (crl.Number, crl.ThisUpdate, crl.EntryCount));
    }

    [Fact]
    public async Task Build_NoRevocations_OmitsTheRevokedList()
    {
        using var ca = new CrlTestAuthority();
        var file = ca.Directory.Write("x.crl", CreateSut().Build(ca.Authority, [], 1).Der);

        var text = await OpenSsl.RunAsync("crl", "-in", file, "-inform", "DER", "-noout", "-text");

        Assert.Contains("No Revoked Certificates.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_OpenSslVerifyCrlCheck_AcceptsGoodLeafAndRejectsRevokedOne()
    {
        using var ca = new CrlTestAuthority();
        var (good, _, _) = ca.IssueLeaf("good.test");
        var (revokedLeaf, revokedSerial, _) = ca.IssueLeaf("revoked.test");
        var now = TimeProvider.System.GetUtcNow();
        var crl = CreateSut(TimeProvider.System).Build(ca.Authority, [new RevokedCertificate(revokedSerial, now.AddMinutes(-1), RevocationReason.KeyCompromise)], 1);
        var crlPem = ca.Directory.Write("crl.pem", crl.ToPem());

        var goodResult = await OpenSsl.TryRunAsync("verify", "-crl_check", "-CAfile", ca.ChainPem, "-CRLfile", crlPem, good);
        var revokedResult = await OpenSsl.TryRunAsync("verify", "-crl_check", "-CAfile", ca.ChainPem, "-CRLfile", crlPem, revokedLeaf);

        Assert.Equal($"{good}: OK\n", goodResult.StandardOutput);
        Assert.Equal(0, goodResult.ExitCode);
        Assert.NotEqual(0, revokedResult.ExitCode);
        Assert.Contains("certificate revoked", revokedResult.StandardError + revokedResult.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyType.MlDsa44)]
    [InlineData(KeyType.MlDsa65)]
    [InlineData(KeyType.MlDsa87)]
    public void Build_MlDsaAuthority_BouncyCastleVerifies(KeyType type)
    {
        using var ca = new CrlTestAuthority(type);
        byte[] serial = [0x7F, 0x01];
        var crl = CreateSut().Build(ca.Authority, [new RevokedCertificate(serial, Now.AddHours(-2), RevocationReason.CessationOfOperation)], 9);

        var parsed = new X509CrlParser().ReadCrl(crl.Der);
        parsed.Verify(ca.Issuing.GetPublicKey());

        Assert.Equal(ca.Issuing.SubjectDN.ToString(), parsed.IssuerDN.ToString());
        var entry = parsed.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(1, serial));
        Assert.NotNull(entry);
        Assert.Equal(CrlReason.CessationOfOperation, CrlReason.GetInstance(Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(entry.GetExtensionValue(X509Extensions.ReasonCode))).IntValueExact);
        Assert.Throws<InvalidKeyException>(() => parsed.Verify(ca.Root.GetPublicKey()));
    }

    [Fact]
    public void Build_IssuerAndAki_EqualTheIssuingCertificateSubjectAndSki()
    {
        using var ca = new CrlTestAuthority();
        var crl = new X509CrlParser().ReadCrl(CreateSut().Build(ca.Authority, [], 1).Der);

        var aki = AuthorityKeyIdentifier.GetInstance(Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(crl.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier)));
        var ski = SubjectKeyIdentifier.GetInstance(Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(ca.Issuing.GetExtensionValue(X509Extensions.SubjectKeyIdentifier)));
        Assert.Equal(ski.GetKeyIdentifier(), aki.KeyIdentifier.GetOctets());
        Assert.Equal(ca.Issuing.CertificateStructure.Subject.GetDerEncoded(), crl.CertificateList.Issuer.GetDerEncoded());
    }

    public static TheoryData<string, TimeSpan?, DateTimeOffset?, bool> RetentionCases() => new()
    {
        { "expired beyond retention: dropped", TimeSpan.FromDays(7), Now.AddDays(-8), false },
        { "expired within retention: kept", TimeSpan.FromDays(7), Now.AddDays(-6), true },
        { "not expired: kept", TimeSpan.FromDays(7), Now.AddDays(30), true },
        { "notAfter unknown: kept", TimeSpan.FromDays(7), null, true },
        { "retention null: kept forever", null, Now.AddYears(-5), true },
    };

    [Theory]
    [MemberData(nameof(RetentionCases))]
    public void Build_ExpiredEntry_KeptOrDroppedByRetention(string scenario, TimeSpan? retention, DateTimeOffset? notAfter, bool listed)
    {
        using var ca = new CrlTestAuthority();
        var sut = CreateSut(options: new CrlOptions { ExpiredEntryRetention = retention });

        var crl = sut.Build(ca.Authority, [new RevokedCertificate([0x42], Now.AddDays(-100), RevocationReason.Superseded, notAfter), new RevokedCertificate([0x43], Now.AddDays(-1), RevocationReason.Superseded)], 1);

        var parsed = new X509CrlParser().ReadCrl(crl.Der);
        Assert.True(listed == (parsed.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.ValueOf(0x42)) is not null), scenario);
        Assert.NotNull(parsed.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.ValueOf(0x43)));
        Assert.Equal(listed ? 2 : 1, crl.EntryCount);
    }

    [Fact]
    public void Build_NextUpdateAfter2049_UsesGeneralizedTime()
    {
        using var ca = new CrlTestAuthority();
        var crl = CreateSut(new FakeTimeProvider(new DateTimeOffset(2049, 12, 30, 0, 0, 0, TimeSpan.Zero))).Build(ca.Authority, [], 1);

        var parsed = new X509CrlParser().ReadCrl(crl.Der);

        Assert.Equal(new DateTime(2050, 1, 6, 0, 0, 0, DateTimeKind.Utc), parsed.NextUpdate);
        Assert.Equal(new DateTime(2049, 12, 30, 0, 0, 0, DateTimeKind.Utc), parsed.ThisUpdate);
    }

    [Fact]
    public void Build_UndefinedReasonCode_ThrowsState()
    {
        using var ca = new CrlTestAuthority();

        var e = Assert.Throws<CertwrightException>(() => CreateSut().Build(ca.Authority, [new RevokedCertificate([1], Now, (RevocationReason)7)], 1));

        Assert.Equal(ErrorKind.State, e.Kind);
        Assert.Equal("CA 'test-ca' has a revocation with reason code 7, which RFC 5280 does not define; the ledger is damaged", e.Message);
    }
}
