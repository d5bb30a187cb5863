using Certwright.Acme.Client;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

public sealed class AcmeSourceOptionsTests
{
    private static AcmeSourceOptions Valid(string accountDirectory) => new() { DirectoryUrl = new Uri("https://acme.test/dir"), AccountDirectory = accountDirectory };

    [Fact]
    public void Validate_Defaults_NoError()
    {
        using var dir = new TempDirectory();

        Assert.Empty(Valid(dir.Path).Validate());
    }

    [Fact]
    public void Validate_ManyProblems_EveryOneReported()
    {
        using var dir = new TempDirectory();
        var options = Valid(dir.Path) with
        {
            DirectoryUrl = new Uri("http://acme.test/dir"),
            Challenge = "dns-01",
            Webroot = dir.File("missing"),
            EabKeyId = "kid-1",
            Email = "not-an-address",
        };

        Assert.Equal(
            [
                "ACME directory URL 'http://acme.test/dir' must be an absolute https:// URL",
                "the dns-01 challenge needs a DNS hook command that sets and removes the TXT record",
                $"http-01 webroot {dir.File("missing")} does not exist; give the web server's document root",
                "external account binding needs both the key id and the HMAC key",
                "ACME contact e-mail 'not-an-address' is not an e-mail address",
            ],
            options.Validate());
    }

    [Fact]
    public void Constructor_UnknownChallenge_UsageErrorWithFix()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<CertwrightException>(() => new AcmeCertificateSource(Valid(dir.Path) with { Challenge = "http-02" }, TimeProvider.System));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("ACME challenge 'http-02' is unknown; use http-01, dns-01 or tls-alpn-01", error.Message);
    }

    [Theory]
    [InlineData("zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W", 48)]
    [InlineData("zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W==", 48)]
    [InlineData("c2l4dGVlbiBieXRlcyBrZXk+Pz8/", 21)]
    public void ExternalAccountBindingParse_Base64UrlOrBase64_Decoded(string macKey, int length)
    {
        var binding = AcmeExternalAccountBinding.Parse("kid-1", macKey);

        Assert.Equal(length, binding.MacKey.Length);
        Assert.Equal("EAB key id kid-1", binding.ToString());
    }

    [Fact]
    public void ExternalAccountBindingParse_NotBase64_UsageErrorWithoutTheKey()
    {
        var error = Assert.Throws<CertwrightException>(() => AcmeExternalAccountBinding.Parse("kid-1", "not base64 at all!"));

        Assert.Equal("the EAB HMAC key for key id 'kid-1' is not base64url; copy it exactly as the CA shows it", error.Message);
    }
}
