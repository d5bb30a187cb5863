using System.Security.Cryptography;
using Certwright.Acme.Protocol;
using Certwright.Keys;

namespace Certwright.Tests.Acme.Protocol;

public sealed class AcmeJwkTests
{
    // RFC 7638 section 3.1.
    internal static readonly AcmeJwk Rfc7638Key = new()
    {
        Kty = "RSA",
        E = "AQAB",
        N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    };

    [Fact]
    public void Thumbprint_Rfc7638Example_MatchesRfc()
    {
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Rfc7638Key.Thumbprint());
    }

    [Fact]
    public void Thumbprint_EcKey_IgnoresMemberOrderAndIsStable()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var jwk = AcmeJwk.FromKey(ec);

        Assert.Equal("EC", jwk.Kty);
        Assert.Equal("P-384", jwk.Crv);
        Assert.Equal(jwk.Thumbprint(), (jwk with { }).Thumbprint());
        Assert.Equal(43, jwk.Thumbprint().Length);
    }

    [Fact]
    public void ToPublicKey_EcJwk_VerifiesSignatureOfOriginalKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = ec.SignData("data"u8.ToArray(), HashAlgorithmName.SHA256);

        using var imported = (ECDsa)AcmeJwk.FromKey(ec).ToPublicKey();

        Assert.True(imported.VerifyData("data"u8.ToArray(), signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void ToPublicKey_ShortCoordinate_BadPublicKey()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);

        var error = Assert.Throws<AcmeProtocolException>(() => (key.Jwk with { X = "AAAA" }).ToPublicKey());

        Assert.Equal(AcmeProblemTypes.BadPublicKey, error.Problem.Type);
        Assert.Equal("EC coordinates must be 32 bytes", error.Message);
    }

    [Fact]
    public void ToPublicKey_UnsupportedCurve_BadPublicKey()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);

        var error = Assert.Throws<AcmeProtocolException>(() => (key.Jwk with { Crv = "P-521" }).ToPublicKey());

        Assert.Equal(AcmeProblemTypes.BadPublicKey, error.Problem.Type);
    }

    [Fact]
    public void Generate_Ed25519_UsageError()
    {
        var error = Assert.Throws<CertwrightException>(() => AcmeAccountKey.Generate(KeyType.Ed25519));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("an ACME key must be ec-p256, ec-p384 or rsa-2048/3072/4096, not ed25519", error.Message);
    }

    [Fact]
    public void ImportPkcs8_ExportedKey_SameJwk()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP384);

        using var imported = AcmeAccountKey.ImportPkcs8(key.ExportPkcs8(), "account.key");

        Assert.Equal(key.Jwk, imported.Jwk);
        Assert.Equal("ES384", imported.Algorithm);
    }
}
