using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Global;

/// <summary>
/// Certificate names and file names are untrusted: an escape sequence or a newline in them must not reach the
/// terminal (or split a Nagios line), whatever the command prints.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TerminalSafetyTests(CliFixture cli) : IDisposable
{
    private const string HostileName = "evil\u001b[2J\u001b]0;owned\u0007\nname";

    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task HostileCertificateAndFileNames_NeverReachTheTerminalRaw()
    {
        using var certificate = SelfSigned(HostileName);
        var directory = _session.Work.File("in\u001b[31mred");
        var pem = _session.Work.WritePem("in\u001b[31mred/cert\u001b[0m.pem", certificate);
        _session.Work.Write("in\u001b[31mred/corrupt\u001b[1m.crt", "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n");

        var runs = new List<CliRun>
        {
            (await _session.RunAsync("import", directory)).ExpectExit(1),
            (await _session.RunAsync("list")).ExpectExit(0),
            (await _session.RunAsync("show", certificate.Sha256)).ExpectExit(0),
            (await _session.RunAsync("verify", pem, "--ca-file", pem)).ExpectExit(0),
            (await _session.RunAsync("verify", _session.Work.File("no\u001b[5mfile.pem"))).ExpectExit(1),
        };

        foreach (var run in runs)
        {
            var text = run.StandardOutput + run.StandardError;
            Assert.False(text.Any(c => char.IsControl(c) && c != '\n'), $"a control character reached the terminal\n{run.Describe()}");
        }

        Assert.Equal(3, runs[1].OutputLines.Count);
        Assert.Contains("evil?[2J?]0;owned??name", runs[1].OutputLines[1], StringComparison.Ordinal);
        Assert.Single(runs[4].ErrorLines);
    }

    private static TestCertificate SelfSigned(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        return new TestCertificate(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), Expiry.InDays(30)));
    }
}
