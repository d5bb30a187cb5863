using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Authority;

/// <summary><c>issue --profile NAME</c> with profiles from certwright.yaml (the data directory's, or <c>--config</c>).</summary>
[Collection(CliCollection.Name)]
public sealed class IssueConfiguredProfileTests(CliFixture cli) : IDisposable
{
    private const string Profiles = """
        profiles:
          server:
            max-validity: 30d
          spiffe-workload: { base: client, max-validity: 24h, san: ["uri:spiffe://example.org/*"], key-types: [ec-p256] }
        """;

    private readonly CliSession _session = cli.NewSession();
    private string? _passphrase;

    public void Dispose() => _session.Dispose();

    private string Passphrase => _passphrase ??= _session.Work.Write("passphrase", "profile cli passphrase 1234\n");

    private async Task InitAsync() =>
        (await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", Passphrase)).ExpectExit(0);

    [Fact]
    public async Task Issue_OverriddenServerProfileInDataDirectory_CertificateHasTheOverriddenValidity()
    {
        await InitAsync();
        File.WriteAllText(Path.Combine(_session.DataDirectory, "certwright.yaml"), Profiles + "\n");
        var prefix = _session.Work.File("api");

        (await _session.RunAsync("issue", "--ca", "corp", "--profile", "server", "--cn", "api.internal", "--out", prefix, "--key-passphrase-file", Passphrase)).ExpectExit(0);
        var tooLong = await _session.RunAsync("issue", "--ca", "corp", "--profile", "server", "--cn", "api.internal", "--validity", "31d", "--out", prefix + "2", "--key-passphrase-file", Passphrase);

        var certificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(await File.ReadAllBytesAsync(prefix + ".crt"));
        Assert.Equal(TimeSpan.FromDays(30), certificate.NotAfter - certificate.NotBefore - TimeSpan.FromMinutes(1));
        tooLong.ExpectExit(1).ExpectOneLineError("validity 31d exceeds the maximum of profile 'server' (30d); ask for --validity 30d or less");
    }

    [Fact]
    public async Task Issue_CustomProfileFromConfigOption_InsideIssuedOutsideRefusedWithTheRule()
    {
        await InitAsync();
        var config = _session.Work.Write("profiles.yaml", Profiles + "\n");
        var prefix = _session.Work.File("workload");

        var run = (await _session.RunAsync("issue", "--ca", "corp", "--profile", "spiffe-workload", "--config", config, "--san", "uri:spiffe://example.org/billing", "--out", prefix, "--key-passphrase-file", Passphrase, "--json")).ExpectExit(0);
        var outside = await _session.RunAsync("issue", "--ca", "corp", "--profile", "spiffe-workload", "--config", config, "--san", "uri:spiffe://evil.org/x", "--out", prefix + "2", "--key-passphrase-file", Passphrase);
        var keyType = await _session.RunAsync("issue", "--ca", "corp", "--profile", "spiffe-workload", "--config", config, "--san", "uri:spiffe://example.org/x", "--key-type", "ec-p384", "--out", prefix + "3", "--key-passphrase-file", Passphrase);

        Assert.Equal("spiffe-workload", run.Json("issued").Str("profile"));
        Assert.Contains("TLS Web Client Authentication", await OpenSsl.RunAsync("x509", "-in", prefix + ".crt", "-noout", "-text"), StringComparison.Ordinal);
        outside.ExpectExit(1).ExpectOneLineError("SAN 'uri:spiffe://evil.org/x' is not allowed by profile 'spiffe-workload' (allowed: uri:spiffe://example.org/*)");
        keyType.ExpectExit(1).ExpectOneLineError("profile 'spiffe-workload' does not allow key type ec-p384; use one of ec-p256");
        Assert.False(File.Exists(prefix + "2.crt"));
    }

    [Fact]
    public async Task Issue_BadProfilesSection_OneLineErrorWithFileAndLine()
    {
        var config = _session.Work.Write("bad.yaml", "profiles:\n  workload:\n    base: client\n    max-validity: forever\n");

        var run = await _session.RunAsync("issue", "--ca", "corp", "--profile", "workload", "--config", config, "--cn", "x", "--out", _session.Work.File("x"));

        run.ExpectExit(1).ExpectOneLineError($"{config} line 4: 'max-validity' is 'forever'; use a duration such as 90d, 24h or 30m");
    }
}
