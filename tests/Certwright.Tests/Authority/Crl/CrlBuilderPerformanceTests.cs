using System.Diagnostics;
using Certwright.Authority;
using Certwright.Authority.Crl;
using Org.BouncyCastle.X509;
using Xunit.Abstractions;

namespace Certwright.Tests.Authority.Crl;

/// <summary>A CA with 100,000 revocations: the CRL is built in one pass. The time is reported, not asserted (shared CI cores).</summary>
public sealed class CrlBuilderPerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Build_100000Entries_AllListedAndReported()
    {
        using var ca = new CrlTestAuthority();
        var revokedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var revoked = new RevokedCertificate[100_000];
        for (var i = 0; i < revoked.Length; i++)
        {
            var serial = new byte[16];
            System.Security.Cryptography.RandomNumberGenerator.Fill(serial);
            serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
            revoked[i] = new RevokedCertificate(serial, revokedAt.AddSeconds(i), (RevocationReason)(i % 6));
        }

        var sut = new CrlBuilder(new CrlOptions(), TimeProvider.System);
        sut.Build(ca.Authority, revoked[..100], 1); // warm-up (JIT)

        var watch = Stopwatch.StartNew();
        var crl = sut.Build(ca.Authority, revoked, 2);
        watch.Stop();

        output.WriteLine($"100,000-entry CRL: {crl.Der.Length:N0} bytes built and signed in {watch.Elapsed.TotalMilliseconds:0} ms");
        var parsed = new X509CrlParser().ReadCrl(crl.Der);
        Assert.Equal(100_000, parsed.GetRevokedCertificates().Count);
        Assert.Equal(100_000, crl.EntryCount);
        parsed.Verify(ca.Issuing.GetPublicKey());
    }
}
