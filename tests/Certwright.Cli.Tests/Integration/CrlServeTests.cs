using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Integration;

/// <summary>
/// The CRL in the loop: <c>certwright serve</c> publishes the CA's CRL at start and serves it at the certificates' CRL distribution
/// point; a <c>certwright revoke</c> in another process shows up in the served CRL (serve polls the ledger every 2 s), and openssl
/// then rejects the certificate.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CrlServeTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Serve_CrlAtDistributionPointVerifies_RevokeInAnotherProcessListedWithinBound_OpensslThenRejects()
    {
        var ca = await PrivateCa.InitAsync(_session, "corp", FreePort.Next());
        var leaf = await ca.IssueAsync("server", "api", "--cn", "api.internal");
        var crlUrl = $"{ca.ServeUrl}/crl/corp.crl";
        Assert.Contains($"URI:{crlUrl}", await OpenSsl.RunAsync("x509", "-in", leaf.Certificate, "-noout", "-ext", "crlDistributionPoints"), StringComparison.Ordinal);
        await using var serve = await ca.ServeAsync();

        var first = await FetchAsync(crlUrl, "first");
        var verify = await OpenSsl.TryRunAsync("crl", "-inform", "DER", "-in", first.Der, "-CAfile", ca.Chain, "-noout", "-verify");
        Assert.Contains("verify OK", verify.StandardError + verify.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("No Revoked Certificates.", first.Text, StringComparison.Ordinal);
        Assert.Equal($"{leaf.Certificate}: OK\n", await OpenSsl.RunAsync("verify", "-crl_check", "-CAfile", ca.Chain, "-CRLfile", first.Pem, leaf.Certificate));

        await ca.RevokeAsync(leaf, "superseded");
        var attempt = 0;
        var second = await Eventually.PollAsync(
            () => FetchAsync(crlUrl, $"poll{++attempt}"),
            c => c.Text.Contains($"Serial Number: {leaf.Serial}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15));

        Assert.Contains($"Serial Number: {leaf.Serial}", second.Text, StringComparison.Ordinal);
        Assert.Contains("CRL Reason Code: \n                Superseded", second.Text, StringComparison.Ordinal);
        var verifySecond = await OpenSsl.TryRunAsync("crl", "-inform", "DER", "-in", second.Der, "-CAfile", ca.Chain, "-noout", "-verify");
        Assert.Contains("verify OK", verifySecond.StandardError + verifySecond.StandardOutput, StringComparison.Ordinal);
        var rejected = await OpenSsl.TryRunAsync("verify", "-crl_check", "-CAfile", ca.Chain, "-CRLfile", second.Pem, leaf.Certificate);
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("certificate revoked", rejected.StandardError + rejected.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>GETs the CRL with curl (DER), converts it to PEM for <c>openssl verify -CRLfile</c> and returns its text form.</summary>
    private async Task<(string Der, string Pem, string Text)> FetchAsync(string url, string name)
    {
        var der = _session.Work.File(name + ".crl");
        await TlsClients.DownloadAsync(url, der);
        var pem = _session.Work.File(name + ".crl.pem");
        await OpenSsl.RunAsync("crl", "-inform", "DER", "-in", der, "-out", pem);
        return (der, pem, await OpenSsl.RunAsync("crl", "-in", pem, "-noout", "-text"));
    }
}
