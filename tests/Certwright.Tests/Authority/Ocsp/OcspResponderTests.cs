using Certwright.Tests.Authority.TestSupport;
using Certwright.Authority;
using Certwright.Authority.Ocsp;
using Certwright.Keys;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Authority.Ocsp;

public sealed class OcspResponderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryAuthorityStore _store = new();
    private readonly OcspTestCa _ca = new();
    private X509Certificate _good = null!;
    private X509Certificate _revoked = null!;

    public async Task InitializeAsync()
    {
        _good = await _ca.IssueAsync(_store, "good.test");
        _revoked = await _ca.IssueAsync(_store, "revoked.test", highBit: true);
        await _store.RevokeAsync(_ca.Name, _revoked.SerialNumber.ToByteArray(), Start.AddHours(-1), RevocationReason.KeyCompromise, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _ca.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TryGetCached_PlainRequestForIssuedCertificate_ReturnsPreSignedGoodAnswerFromDelegatedSigner()
    {
        await using var responder = await StartAsync();

        Assert.True(responder.TryGetCached(OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good)), out var answer));

        var basic = OcspClientSide.Verified(answer.Body, _ca.Issuing);
        var single = Assert.Single(basic.Responses);
        Assert.Null(single.GetCertStatus());
        Assert.Equal(_good.SerialNumber, single.GetCertID().SerialNumber);
        Assert.Equal(Start.UtcDateTime, single.ThisUpdate);
        Assert.Equal(Start.AddDays(1).UtcDateTime, single.NextUpdate);
        Assert.Equal(Start.UtcDateTime, basic.ProducedAt);
        Assert.Equal(Start.AddDays(1), answer.NextUpdate);
        Assert.Equal("Sun, 01 Mar 2026 12:00:00 GMT", answer.LastModified);
        var signer = Assert.Single(basic.GetCerts());
        Assert.Equal($"CN={_ca.Name} OCSP Responder", signer.SubjectDN.ToString());
        Assert.Equal(Start.AddDays(7).UtcDateTime, signer.NotAfter);
        Assert.True(signer.GetKeyUsage()[0], "digitalSignature");
    }

    [Fact]
    public async Task StartAsync_Delegating_RecordsTheSignerCertificateInTheLedger()
    {
        await using var responder = await StartAsync();

        var recorded = Assert.Single(_store.Issued, i => i.Profile == OcspConstants.SigningProfile);
        Assert.Equal(_ca.Name, recorded.Authority);
        Assert.Equal(Start.AddDays(7), recorded.NotAfter);
        Assert.Equal(3, responder.CachedAnswers); // two leaves and the signer certificate itself
    }

    [Fact]
    public async Task RespondAsync_RevokedCertificate_ReportsRevocationTimeAndReason()
    {
        await using var responder = await StartAsync();

        var answer = await responder.RespondAsync(OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _revoked)), CancellationToken.None);

        var status = Assert.IsType<RevokedStatus>(Assert.Single(OcspClientSide.Verified(answer.Body, _ca.Issuing).Responses).GetCertStatus());
        Assert.Equal(Start.AddHours(-1).UtcDateTime, status.RevocationTime);
        Assert.Equal(Org.BouncyCastle.Asn1.X509.CrlReason.KeyCompromise, status.RevocationReason);
    }

    [Fact]
    public async Task RespondAsync_UnknownSerial_AnswersUnknownAndCachesIt()
    {
        await using var responder = await StartAsync();
        var request = OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, Org.BouncyCastle.Math.BigInteger.ValueOf(123456789)));

        var first = await responder.RespondAsync(request, CancellationToken.None);
        var signatures = _ca.Key.Signatures;
        var second = await responder.RespondAsync(request, CancellationToken.None);

        Assert.IsType<UnknownStatus>(Assert.Single(OcspClientSide.Verified(first.Body, _ca.Issuing).Responses).GetCertStatus());
        Assert.Same(first, second);
        Assert.Equal(1, _store.StatusQueries);
        Assert.Equal(signatures, _ca.Key.Signatures);
    }

    [Fact]
    public async Task RespondAsync_Nonce_EchoesItInAFreshSignature()
    {
        await using var responder = await StartAsync();
        byte[] nonce = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

        var answer = await responder.RespondAsync(OcspClientSide.Request(nonce, OcspClientSide.Id(_ca.Issuing, _good)), CancellationToken.None);

        var basic = OcspClientSide.Verified(answer.Body, _ca.Issuing);
        var echoed = basic.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce);
        Assert.Equal(new Org.BouncyCastle.Asn1.DerOctetString(nonce).GetEncoded(), echoed.GetOctets());
        Assert.Null(Assert.Single(basic.Responses).GetCertStatus());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task RespondAsync_NonceOutsideRfc8954Limits_IsMalformed(int length)
    {
        await using var responder = await StartAsync();

        var answer = await responder.RespondAsync(OcspClientSide.Request(new byte[length], OcspClientSide.Id(_ca.Issuing, _good)), CancellationToken.None);

        Assert.Same(OcspAnswer.MalformedRequest, answer);
        Assert.Equal(OcspRespStatus.MalformedRequest, new OcspResp(answer.Body).Status);
    }

    [Fact]
    public async Task RespondAsync_Sha256CertId_EchoesTheSha256CertId()
    {
        await using var responder = await StartAsync();
        var id = OcspClientSide.Id(_ca.Issuing, _revoked, "2.16.840.1.101.3.4.2.1");

        var answer = await responder.RespondAsync(OcspClientSide.Request(null, id), CancellationToken.None);

        var single = Assert.Single(OcspClientSide.Verified(answer.Body, _ca.Issuing).Responses);
        Assert.True(single.GetCertID().Equals(id));
        Assert.IsType<RevokedStatus>(single.GetCertStatus());
        Assert.True(responder.TryGetCached(OcspClientSide.Request(null, id), out var cached));
        Assert.Same(answer, cached);
    }

    [Fact]
    public async Task RespondAsync_SeveralCertIds_AnswersEachInOneResponse()
    {
        await using var responder = await StartAsync();

        var answer = await responder.RespondAsync(OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good), OcspClientSide.Id(_ca.Issuing, _revoked)), CancellationToken.None);

        var responses = OcspClientSide.Verified(answer.Body, _ca.Issuing).Responses;
        Assert.Equal(2, responses.Length);
        Assert.Null(responses[0].GetCertStatus());
        Assert.IsType<RevokedStatus>(responses[1].GetCertStatus());
    }

    [Fact]
    public async Task RespondAsync_CertIdOfAnotherCa_IsUnauthorized()
    {
        await using var responder = await StartAsync();
        using var other = new OcspTestCa("other-ca");
        var leaf = await other.IssueAsync(new InMemoryAuthorityStore(), "elsewhere.test");

        var answer = await responder.RespondAsync(OcspClientSide.Request(null, OcspClientSide.Id(other.Issuing, leaf)), CancellationToken.None);

        Assert.Same(OcspAnswer.Unauthorized, answer);
        Assert.Equal(OcspRespStatus.Unauthorized, new OcspResp(answer.Body).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("300a")]
    [InlineData("3003020101")]
    [InlineData("30053003300100")]
    public async Task RespondAsync_MalformedBodies_AreMalformedRequest(string hexOrText)
    {
        await using var responder = await StartAsync();
        var body = hexOrText == "garbage" ? "garbage"u8.ToArray() : Convert.FromHexString(hexOrText);

        var answer = await responder.RespondAsync(body, CancellationToken.None);

        Assert.Equal(Certwright.Authority.Ocsp.OcspResponseStatus.MalformedRequest, answer.Status);
        Assert.Equal(new byte[] { 0x30, 0x03, 0x0A, 0x01, 0x01 }, answer.Body);
    }

    [Fact]
    public async Task RespondAsync_TruncatedAndOversizedRequests_AreMalformedRequest()
    {
        await using var responder = await StartAsync();
        var request = OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good));

        Assert.True((await responder.RespondAsync(request.AsMemory(0, request.Length - 3), CancellationToken.None)).IsMalformed);
        Assert.True((await responder.RespondAsync(new byte[responder.MaxRequestSize + 1], CancellationToken.None)).IsMalformed);
    }

    [Fact]
    public async Task RespondAsync_ThousandPreSignedRequests_SignNothing()
    {
        await using var responder = await StartAsync();
        var requests = new[] { OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good)), OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _revoked)) };
        var signatures = _ca.Key.Signatures;

        for (var i = 0; i < 1000; i++)
        {
            var answer = await responder.RespondAsync(requests[i % 2], CancellationToken.None);
            Assert.Equal(Certwright.Authority.Ocsp.OcspResponseStatus.Successful, answer.Status);
        }

        Assert.Equal(signatures, _ca.Key.Signatures);
        Assert.Equal(0, _store.StatusQueries);
    }

    [Fact]
    public async Task RefreshAsync_RevocationAfterStart_ResignsThatAnswer()
    {
        await using var responder = await StartAsync();
        await _store.RevokeAsync(_ca.Name, _good.SerialNumber.ToByteArray(), Start.AddMinutes(1), RevocationReason.Superseded, CancellationToken.None);

        await responder.RefreshAsync(CancellationToken.None);

        Assert.True(responder.TryGetCached(OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good)), out var answer));
        var status = Assert.IsType<RevokedStatus>(Assert.Single(OcspClientSide.Verified(answer.Body, _ca.Issuing).Responses).GetCertStatus());
        Assert.Equal(Org.BouncyCastle.Asn1.X509.CrlReason.Superseded, status.RevocationReason);
    }

    [Fact]
    public async Task RefreshAsync_IssuanceAfterStart_PreSignsTheNewCertificate()
    {
        await using var responder = await StartAsync();
        var later = await _ca.IssueAsync(_store, "later.test");
        var request = OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, later));
        Assert.False(responder.TryGetCached(request, out _));

        await responder.RefreshAsync(CancellationToken.None);

        Assert.True(responder.TryGetCached(request, out var answer));
        Assert.Null(Assert.Single(OcspClientSide.Verified(answer.Body, _ca.Issuing).Responses).GetCertStatus());
    }

    [Fact]
    public async Task RefreshAsync_HalfTheValidityPassed_ResignsWithNewTimes()
    {
        await using var responder = await StartAsync();
        var request = OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good));
        _time.Advance(TimeSpan.FromHours(11));
        await responder.RefreshAsync(CancellationToken.None);
        Assert.True(responder.TryGetCached(request, out var notYet));
        Assert.Equal(Start, notYet.ProducedAt);

        _time.Advance(TimeSpan.FromHours(1));
        await responder.RefreshAsync(CancellationToken.None);

        Assert.True(responder.TryGetCached(request, out var fresh));
        Assert.Equal(Start.AddHours(12), fresh.ProducedAt);
        Assert.Equal(Start.AddHours(36).UtcDateTime, Assert.Single(OcspClientSide.Verified(fresh.Body, _ca.Issuing).Responses).NextUpdate);
    }

    [Fact]
    public async Task RefreshAsync_SignerWithAThirdOfItsLifeLeft_IsRenewed()
    {
        await using var responder = await StartAsync();
        var request = OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good));
        _time.Advance(TimeSpan.FromDays(4.5));
        await responder.RefreshAsync(CancellationToken.None);
        Assert.Single(_store.Issued, i => i.Profile == OcspConstants.SigningProfile);

        _time.Advance(TimeSpan.FromDays(0.25));
        await responder.RefreshAsync(CancellationToken.None);

        Assert.Equal(2, _store.Issued.Count(i => i.Profile == OcspConstants.SigningProfile));
        Assert.True(responder.TryGetCached(request, out var answer));
        var signer = Assert.Single(OcspClientSide.Verified(answer.Body, _ca.Issuing).GetCerts());
        Assert.Equal(Start.AddDays(4.75 + 7).UtcDateTime, signer.NotAfter);
    }

    [Fact]
    public async Task StartAsync_NoDelegation_SignsWithTheCaKeyAndCarriesNoCertificate()
    {
        await using var responder = await StartAsync(new OcspResponderOptions { DelegateSigning = false });

        Assert.True(responder.TryGetCached(OcspClientSide.Request(null, OcspClientSide.Id(_ca.Issuing, _good)), out var answer));

        var basic = OcspClientSide.Verified(answer.Body, _ca.Issuing);
        Assert.Empty(basic.GetCerts());
        Assert.DoesNotContain(_store.Issued, i => i.Profile == OcspConstants.SigningProfile);
    }

    [Fact]
    public async Task StartAsync_MlDsaCa_DelegatesToAnMlDsaKey()
    {
        using var ca = new OcspTestCa("pq-ca", KeyType.MlDsa65);
        var store = new InMemoryAuthorityStore();
        var leaf = await ca.IssueAsync(store, "pq.test");
        await using var responder = await OcspResponder.StartAsync(store, [ca.Authority], new OcspResponderOptions(), _time, null, CancellationToken.None);

        Assert.True(responder.TryGetCached(OcspClientSide.Request(null, OcspClientSide.Id(ca.Issuing, leaf)), out var answer));

        var basic = OcspClientSide.Verified(answer.Body, ca.Issuing);
        Assert.Equal("2.16.840.1.101.3.4.3.18", Org.BouncyCastle.Asn1.Ocsp.BasicOcspResponse.GetInstance(basic.GetEncoded()).SignatureAlgorithm.Algorithm.Id);
    }

    private Task<OcspResponder> StartAsync(OcspResponderOptions? options = null) =>
        OcspResponder.StartAsync(_store, [_ca.Authority], options ?? new OcspResponderOptions(), _time, null, CancellationToken.None);
}
