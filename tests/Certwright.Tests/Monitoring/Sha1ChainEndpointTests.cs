using Certwright.Monitoring;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Monitoring;

/// <summary>An nginx endpoint serving a chain whose leaf and intermediate openssl signed with SHA-1.</summary>
public sealed class Sha1ChainEndpointTests
{
    [Fact]
    public async Task Check_NginxServingSha1SignedChain_Sha1SignatureOnLeafAndIntermediateNotOnRoot()
    {
        using var directory = new TempDirectory();
        string F(string name) => directory.File(name);
        await OpenSsl.RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha1", "-subj", "/CN=SHA-1 Root", "-days", "30",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout", F("root.key"), "-out", F("root.pem"));
        directory.Write("ca.cnf", "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        directory.Write("leaf.cnf", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        await OpenSsl.RunAsync("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=SHA-1 Intermediate", "-keyout", F("ca.key"), "-out", F("ca.csr"));
        await OpenSsl.RunAsync("x509", "-req", "-in", F("ca.csr"), "-CA", F("root.pem"), "-CAkey", F("root.key"), "-CAcreateserial", "-sha1", "-days", "30", "-extfile", F("ca.cnf"), "-out", F("ca.pem"));
        await OpenSsl.RunAsync("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", F("leaf.key"), "-out", F("leaf.csr"));
        await OpenSsl.RunAsync("x509", "-req", "-in", F("leaf.csr"), "-CA", F("ca.pem"), "-CAkey", F("ca.key"), "-CAcreateserial", "-sha1", "-days", "20", "-extfile", F("leaf.cnf"), "-out", F("leaf.pem"));
        directory.Write("chain.pem", File.ReadAllText(F("leaf.pem")) + File.ReadAllText(F("ca.pem")));
        var port = FreePort.Next();
        await using var nginx = await NginxServer.StartAsync([new NginxSite(port, F("chain.pem"), F("leaf.key"), ExtraDirectives: "ssl_ciphers 'DEFAULT:@SECLEVEL=0';")]);

        var checker = new EndpointChecker(new EndpointScanner(), new ChainValidator(), TimeProvider.System, store: null);
        var scan = await new EndpointScanner().ScanAsync(new ScanTarget("localhost", port));
        var report = await checker.AssessAsync(scan, new EndpointCheckOptions { TrustStore = TrustStore.FromPem(File.ReadAllText(F("root.pem"))), Record = false }, CancellationToken.None);

        Assert.True(scan.Status == ScanStatus.Success, scan.Error);
        Assert.Equal(2, report.Chain.Count);
        var sha1 = report.Findings.Where(f => f.Code == FindingCodes.Sha1Signature).Select(f => f.Subject).Order().ToArray();
        Assert.Equal(new[] { report.Chain[0].Sha256, report.Chain[1].Sha256 }.Order(), sha1);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.WeakSignatureAlgorithm);
    }
}
