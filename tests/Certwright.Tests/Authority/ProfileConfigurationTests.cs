using Certwright.Authority;
using Certwright.Keys;
using Certwright.Monitoring.Configuration;

namespace Certwright.Tests.Authority;

/// <summary>The <c>profiles:</c> section of certwright.yaml and <see cref="CertificateProfiles.Get(string, IReadOnlyList{CertificateProfile})"/>.</summary>
public sealed class ProfileConfigurationTests
{
    private const string Path = "/etc/certwright/certwright.yaml";

    private const string Spiffe = """
        profiles:
          server:
            max-validity: 30d
          spiffe-workload: { base: client, max-validity: 24h, san: ["uri:spiffe://example.org/*"], key-types: [ec-p256] }
        """;

    private static IReadOnlyList<CertificateProfile> Parse(string yaml) => MonitorConfigurationLoader.Parse(yaml, Path).Profiles;

    [Fact]
    public void Parse_OverrideAndNewProfile_ResolvedFromTheirBase()
    {
        var profiles = Parse(Spiffe);

        var server = CertificateProfiles.Get("server", profiles);
        var spiffe = CertificateProfiles.Get("SPIFFE-workload", profiles);
        Assert.Equal((TimeSpan.FromDays(30), TimeSpan.FromDays(30)), (server.MaxValidity, server.DefaultValidity));
        Assert.Equal(CertificateProfiles.Server.AllowedSans, server.AllowedSans);
        Assert.Equal(("spiffe-workload", TimeSpan.FromHours(24), TimeSpan.FromHours(24)), (spiffe.Name, spiffe.MaxValidity, spiffe.DefaultValidity));
        Assert.Equal([KeyType.EcP256], spiffe.AllowedKeyTypes);
        Assert.Equal(["uri:spiffe://example.org/*"], spiffe.AllowedSans);
        Assert.Equal(CertificateProfiles.Client.ExtendedKeyUsages, spiffe.ExtendedKeyUsages);
        Assert.Same(CertificateProfiles.Client, CertificateProfiles.Get("client", profiles));
    }

    [Fact]
    public void Check_RequestOutsideCustomProfile_RefusedNamingTheRule()
    {
        var spiffe = CertificateProfiles.Get("spiffe-workload", Parse(Spiffe));
        var ok = new[] { SubjectAltName.Parse("uri:spiffe://example.org/billing") };

        var san = Assert.Throws<CertwrightException>(() => spiffe.Check(KeyType.EcP256, [SubjectAltName.Parse("uri:spiffe://other.org/x")], null));
        var keyType = Assert.Throws<CertwrightException>(() => spiffe.Check(KeyType.Rsa2048, ok, null));
        var validity = Assert.Throws<CertwrightException>(() => spiffe.Check(KeyType.EcP256, ok, TimeSpan.FromHours(25)));

        Assert.Equal(TimeSpan.FromHours(24), spiffe.Check(KeyType.EcP256, ok, null));
        Assert.Equal("SAN 'uri:spiffe://other.org/x' is not allowed by profile 'spiffe-workload' (allowed: uri:spiffe://example.org/*)", san.Message);
        Assert.Equal("profile 'spiffe-workload' does not allow key type rsa-2048; use one of ec-p256", keyType.Message);
        Assert.Equal("validity 25h exceeds the maximum of profile 'spiffe-workload' (1d); ask for --validity 1d or less", validity.Message);
    }

    [Fact]
    public void Parse_DefaultValidityGiven_KeptWhenWithinTheMaximum()
    {
        var profile = Assert.Single(Parse("profiles:\n  short:\n    base: server\n    max-validity: 7d\n    default-validity: 2d\n"));

        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(2)), (profile.MaxValidity, profile.DefaultValidity));
    }

    [Fact]
    public void Get_UnknownName_ListsBuiltInAndConfiguredProfiles()
    {
        var error = Assert.Throws<CertwrightException>(() => CertificateProfiles.Get("nope", Parse(Spiffe)));

        Assert.Equal("unknown profile 'nope'; use one of server, client, server-client, short-lived, spiffe-workload", error.Message);
    }

    [Theory]
    [InlineData("profiles:\n  workload:\n    max-validity: 1d\n", "line 2: profile 'workload' is not built in and has no 'base'; add e.g. 'base: client' (server, client, server-client, short-lived)")]
    [InlineData("profiles:\n  w:\n    base: mtls\n", "line 3: 'base' of profile 'w' is 'mtls'; use a built-in profile: server, client, server-client, short-lived")]
    [InlineData("profiles:\n  server:\n    base: client\n", "line 3: profile 'server' is built in and is overridden in place; remove 'base' (it is for new profiles)")]
    [InlineData("profiles:\n  w:\n    base: client\n    max-validty: 1d\n", "line 4: unknown key 'max-validty' in profile 'w'; expected one of base, max-validity, default-validity, key-types, san")]
    [InlineData("profiles:\n  w:\n    base: client\n    max-validity: 1y\n", "line 4: 'max-validity' is '1y'; use a duration such as 90d, 24h or 30m")]
    [InlineData("profiles:\n  w:\n    base: client\n    max-validity: 1d\n    default-validity: 2d\n", "line 5: 'default-validity' (2d) of profile 'w' exceeds its 'max-validity' (1d); lower it")]
    [InlineData("profiles:\n  w:\n    base: client\n    key-types: [ec-p256, dsa]\n", "line 4: 'key-types' has 'dsa'; use rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384, ed25519, ml-dsa-44, ml-dsa-65, ml-dsa-87")]
    [InlineData("profiles:\n  w:\n    base: server\n    san: [\"ip:10.0.0.0/33\"]\n", "line 4: 'san' pattern 'ip:10.0.0.0/33' is not a CIDR; use e.g. ip:10.0.0.0/8")]
    [InlineData("profiles:\n  Bad_Name:\n    base: server\n", "line 2: profile name 'Bad_Name' is not valid; use 1-63 lowercase letters, digits and '-'")]
    [InlineData("profiles:\n  - server\n", "line 2: 'profiles' must be a mapping of profile names to settings")]
    [InlineData("profiles:\n  w:\n    base: client\n  w:\n    base: server\n", "line 4: not valid YAML (Duplicate key")]
    public void Parse_BadProfile_OneLineErrorWithFileAndLine(string yaml, string expected)
    {
        var error = Assert.Throws<CertwrightException>(() => Parse(yaml));

        Assert.StartsWith($"{Path} {expected}", error.Message, StringComparison.Ordinal);
    }
}
