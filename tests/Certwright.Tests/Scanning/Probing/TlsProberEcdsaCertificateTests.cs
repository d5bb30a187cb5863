using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>
/// TLS 1.2 groups of a server with an ECDSA P-256 certificate. supported_groups also names the curves the client
/// accepts certificates on (RFC 8422 5.1), so such a server refuses a hello offering x25519 alone although it uses
/// x25519 for ECDHE when P-256 is listed too; sslscan offers each group alone and reports only secp256r1 here. The
/// reference is <c>openssl s_client -tls1_2 -groups G:P-256</c>: the server's temporary key names each group it accepts.
/// </summary>
public sealed class TlsProberEcdsaCertificateTests
{
    // OpenSSL -groups name, the name its "Server Temp Key" line prints, the IANA code.
    private static readonly (string Option, string TempKey, int Code)[] Candidates =
    [
        ("X25519", "X25519", 0x001D),
        ("P-384", "secp384r1", 0x0018),
        ("P-521", "secp521r1", 0x0019),
        ("X448", "X448", 0x001E),
        ("brainpoolP256r1", "brainpoolP256r1", 0x001A),
        ("secp256k1", "secp256k1", 0x0016),
    ];

    [Fact]
    public async Task ProbeAsync_EcdsaCertificateServer_Tls12GroupsAgreeWithOpensslOfferingTheCertificateCurveToo()
    {
        using var directory = new TempDirectory();
        using var root = TestPki.CreateRoot("ECDSA Probe Root", notBefore: DateTimeOffset.UtcNow.AddDays(-1));
        using var leaf = TestPki.CreateLeaf(root, "localhost", keyType: TestKeyType.EcP256);
        var port = FreePort.Next();
        var site = new NginxSite(port, directory.Write("leaf.pem", leaf.CertificatePem + root.CertificatePem), directory.Write("leaf.key", leaf.PrivateKeyPem), Protocols: "TLSv1.2");
        await using var nginx = await NginxServer.StartAsync([site]);

        using var prober = new TlsProber(new TlsProberOptions { ReadTimeout = TimeSpan.FromSeconds(5) });
        var result = await prober.ProbeAsync(new ScanTarget("127.0.0.1", port));

        Assert.Equal(ScanStatus.Success, result.Status);
        var tls12 = Assert.Single(result.Protocols, p => p.Accepted);
        Assert.Equal(TlsVersion.Tls12, tls12.Version);
        Assert.True(tls12.GroupsTested, tls12.EnumerationError);
        var reference = new List<int> { 0x0017 }; // secp256r1: the certificate's curve, accepted alone
        foreach (var (option, tempKey, code) in Candidates)
        {
            if (await TempKeyAsync(port, $"{option}:P-256") is { } key && key.Contains(tempKey, StringComparison.Ordinal))
            {
                reference.Add(code);
            }
        }

        Assert.Contains(0x001D, reference); // x25519 is accepted...
        Assert.Null(await TempKeyAsync(port, "X25519")); // ...but not offered alone: what sslscan misses
        Assert.Equal(reference.Order(), tls12.Groups.Select(g => g.Code).Order());
    }

    /// <summary>The "Server Temp Key" line of a TLS 1.2 handshake offering these groups; null when it fails.</summary>
    private static async Task<string?> TempKeyAsync(int port, string groups)
    {
        var run = await ProcessResult.RunAsync(
            OpenSsl.Executable,
            ["s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2", "-groups", groups, "-servername", "localhost"],
            TimeSpan.FromSeconds(20),
            standardInput: "");
        return run.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("Server Temp Key:", StringComparison.Ordinal));
    }
}
