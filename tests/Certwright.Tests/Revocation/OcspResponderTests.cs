using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Revocation;

/// <summary>
/// Against a real <c>openssl ocsp</c> responder, one fresh per test (OpenSSL 3.0's responder wedges after a
/// broken connection), with a good and a revoked certificate from a CA made by the openssl CLI.
/// </summary>
public sealed class OcspResponderTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task CheckAsync_OpensslResponder_ReportsExactlyTheRevokedOne(bool preferGet, bool useNonce)
    {
        using var ca = await OpenSslTestCa.CreateAsync();
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}/";
        var good = await ca.IssueAsync("good.test", url, crlUrl: null);
        var revoked = await ca.IssueAsync("revoked.test", url, crlUrl: null);
        await ca.RevokeAsync(revoked, "keyCompromise");
        await using var responder = await ca.StartResponderAsync(port);
        using var sut = new RevocationChecker(new RevocationOptions { PreferGet = preferGet, UseNonce = useNonce }, TimeProvider.System);

        var goodResult = await sut.CheckAsync(good.Record, ca.Record, null, Timeout());
        var revokedResult = await sut.CheckAsync(revoked.Record, ca.Record, null, Timeout());

        Assert.True(goodResult.Status == RevocationStatus.Good, goodResult.Detail);
        Assert.Equal(RevocationSource.Ocsp, goodResult.Source);
        Assert.Equal(url, goodResult.Url);
        Assert.Empty(goodResult.Findings);
        Assert.NotNull(goodResult.NextUpdate);
        Assert.True(revokedResult.Status == RevocationStatus.Revoked, revokedResult.Detail);
        Assert.Equal(RevocationSource.Ocsp, revokedResult.Source);
        Assert.Equal("keyCompromise", revokedResult.Reason);
        Assert.NotNull(revokedResult.RevokedAt);
        var finding = Assert.Single(revokedResult.Findings);
        Assert.Equal(FindingCodes.Revoked, finding.Code);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(revoked.Record.Sha256, finding.Subject);
    }

    [Fact]
    public async Task CheckAsync_DelegatedResponderCertificate_IsAccepted()
    {
        using var ca = await OpenSslTestCa.CreateAsync();
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}/";
        var good = await ca.IssueAsync("good.test", url, crlUrl: null);
        var revoked = await ca.IssueAsync("revoked.test", url, crlUrl: null);
        await ca.RevokeAsync(revoked, "superseded");
        await using var responder = await ca.StartResponderAsync(port, ca.DelegatedResponder);
        using var sut = new RevocationChecker(new RevocationOptions { UseNonce = true }, TimeProvider.System);

        var goodResult = await sut.CheckAsync(good.Record, ca.Record, null, Timeout());
        var revokedResult = await sut.CheckAsync(revoked.Record, ca.Record, null, Timeout());

        Assert.True(goodResult.Status == RevocationStatus.Good, goodResult.Detail);
        Assert.True(revokedResult.Status == RevocationStatus.Revoked, revokedResult.Detail);
        Assert.Equal("superseded", revokedResult.Reason);
    }

    [Fact]
    public async Task CheckAsync_ResponderSignsWithUnrelatedKey_IsUnavailableNotGood()
    {
        using var ca = await OpenSslTestCa.CreateAsync();
        var port = FreePort.Next();
        var good = await ca.IssueAsync("good.test", $"http://127.0.0.1:{port}/", crlUrl: null);
        await using var responder = await ca.StartResponderAsync(port, ca.Unrelated);
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(good.Record, ca.Record, null, Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.Equal(RevocationSource.None, result.Source);
        Assert.Contains("not signed by the issuer 'CN=Revocation Test CA' nor by a responder it delegated", result.Detail, StringComparison.Ordinal);
        Assert.Contains("responder certificate 'CN=unrelated' was not issued by 'CN=Revocation Test CA'", result.Detail, StringComparison.Ordinal);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.OcspUnreachable, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public async Task CheckAsync_ClosedPort_IsOcspUnreachableNotGood()
    {
        using var ca = await OpenSslTestCa.CreateAsync();
        var port = FreePort.Next();
        var good = await ca.IssueAsync("good.test", $"http://127.0.0.1:{port}/", crlUrl: null);
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var result = await sut.CheckAsync(good.Record, ca.Record, null, Timeout());

        Assert.Equal(RevocationStatus.Unavailable, result.Status);
        Assert.StartsWith($"OCSP http://127.0.0.1:{port}/: http://127.0.0.1:{port}/", result.Detail, StringComparison.Ordinal);
        Assert.Contains("could not be reached: Connection refused", result.Detail, StringComparison.Ordinal);
        Assert.Equal([FindingCodes.OcspUnreachable], result.Findings.Select(f => f.Code));
    }

    internal static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
