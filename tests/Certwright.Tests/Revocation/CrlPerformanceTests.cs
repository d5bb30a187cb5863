using System.Diagnostics;
using Certwright.Revocation;
using Xunit.Abstractions;

namespace Certwright.Tests.Revocation;

/// <summary>A 100,000-entry CRL (about 4.9 MB, made by <c>openssl ca -gencrl</c>): one download, then cheap lookups.</summary>
public sealed class CrlPerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CheckAsync_LargeCrl_ParsesOnceAndLooksUpQuickly()
    {
        using var ca = await OpenSslTestCa.CreateAsync();
        await using var server = new LoopbackHttpServer();
        var url = $"http://127.0.0.1:{server.Port}/big.crl";
        var good = await ca.IssueAsync("good.test", ocspUrl: null, url);
        var revoked = await ca.IssueAsync("revoked.test", ocspUrl: null, url);
        await ca.AddRevokedEntriesAsync(100_000);
        await ca.RevokeAsync(revoked, "keyCompromise");
        var crl = await ca.CrlAsync();
        server.Reply = LoopbackHttpServer.Serving(crl);
        using var sut = new RevocationChecker(new RevocationOptions(), TimeProvider.System);

        var first = Stopwatch.StartNew();
        var firstResult = await sut.CheckAsync(good.Record, ca.Record, null, OcspResponderTests.Timeout());
        first.Stop();
        var lookups = Stopwatch.StartNew();
        const int count = 1000;
        for (var i = 0; i < count; i++)
        {
            var result = await sut.CheckAsync(i % 2 == 0 ? good.Record : revoked.Record, ca.Record, null, OcspResponderTests.Timeout());
            Assert.Equal(i % 2 == 0 ? RevocationStatus.Good : RevocationStatus.Revoked, result.Status);
        }

        lookups.Stop();
        output.WriteLine($"CRL {crl.Length} bytes, 100,001 entries: first check {first.Elapsed.TotalMilliseconds:0} ms, {count} cached checks {lookups.Elapsed.TotalMilliseconds:0} ms ({lookups.Elapsed.TotalMicroseconds / count:0} us each)");
        Assert.Equal(RevocationStatus.Good, firstResult.Status);
        Assert.Single(server.Requests);
        Assert.True(first.Elapsed < TimeSpan.FromSeconds(10), $"first check took {first.Elapsed}");
        Assert.True(lookups.Elapsed < TimeSpan.FromSeconds(2), $"{count} cached checks took {lookups.Elapsed}");
    }
}
