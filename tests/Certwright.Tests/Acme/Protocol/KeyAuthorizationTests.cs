using Certwright.Acme.Protocol;

namespace Certwright.Tests.Acme.Protocol;

public sealed class KeyAuthorizationTests
{
    private const string Token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";

    [Fact]
    public void Compute_Rfc7638Key_TokenDotThumbprint()
    {
        Assert.Equal(Token + ".NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", KeyAuthorization.Compute(Token, AcmeJwkTests.Rfc7638Key));
    }

    [Fact]
    public void Dns01TxtValue_KnownKeyAuthorization_MatchesOpenSslDigest()
    {
        // printf %s KEYAUTH | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d =
        var keyAuthorization = KeyAuthorization.Compute(Token, AcmeJwkTests.Rfc7638Key);

        Assert.Equal("ZTRx1Ckl1-tM05o5zaizTTA0yUy5AGereMgSNWC6Ll8", KeyAuthorization.Dns01TxtValue(keyAuthorization));
    }

    [Theory]
    [InlineData("www.example.test", "_acme-challenge.www.example.test")]
    [InlineData("*.example.test", "_acme-challenge.example.test")]
    [InlineData("example.test.", "_acme-challenge.example.test")]
    public void Dns01TxtName_Domain_AcmeChallengeLabel(string domain, string expected)
    {
        Assert.Equal(expected, KeyAuthorization.Dns01TxtName(domain));
    }

    [Theory]
    [InlineData(Token, true)]
    [InlineData("short", false)]
    [InlineData("../../../../etc/passwd/aaaaaaaaaaaaaaaaaa", false)]
    [InlineData("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ+PCt92wr/oA", false)]
    public void IsWellFormedToken_Candidates_OnlyBase64Url(string token, bool expected)
    {
        Assert.Equal(expected, KeyAuthorization.IsWellFormedToken(token));
    }
}
