using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Certwright.Acme.Protocol;
using Certwright.Keys;

namespace Certwright.Tests.Acme.Protocol;

public sealed class JwsSignerTests
{
    private static readonly Uri Url = new("https://acme.test/acme/new-order");
    private static readonly Uri Account = new("https://acme.test/acme/acct/42");

    [Theory]
    [InlineData(KeyType.EcP256, "ES256")]
    [InlineData(KeyType.EcP384, "ES384")]
    [InlineData(KeyType.Rsa2048, "RS256")]
    public void Sign_EachKeyType_VerifiesWithEmbeddedJwk(KeyType type, string alg)
    {
        using var key = AcmeAccountKey.Generate(type);

        var jws = JwsSigner.Sign(key, """{"identifiers":[]}"""u8, Url, "nonce-1", kid: null).Decode();

        Assert.Equal(alg, jws.Header.Alg);
        Assert.Equal(key.Jwk, jws.Header.Jwk);
        Assert.Null(jws.Header.Kid);
        Assert.Equal("nonce-1", jws.Header.Nonce);
        Assert.Equal(Url.AbsoluteUri, jws.Header.Url);
        Assert.Equal("""{"identifiers":[]}""", Encoding.UTF8.GetString(jws.Payload));
        Assert.True(JwsVerifier.Verify(jws, jws.Header.Jwk!));
        JwsVerifier.CheckAcmeHeader(jws, Url);
    }

    [Fact]
    public void Sign_WithKid_NamesAccountAndOmitsJwk()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);

        var jws = JwsSigner.Sign(key, ReadOnlySpan<byte>.Empty, Url, "n", Account).Decode();

        Assert.Equal(Account.AbsoluteUri, jws.Header.Kid);
        Assert.Null(jws.Header.Jwk);
        Assert.True(jws.IsPostAsGet);
        Assert.True(JwsVerifier.Verify(jws, key.Jwk));
    }

    [Fact]
    public void Verify_TamperedPayload_Fails()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var message = JwsSigner.Sign(key, """{"csr":"AAAA"}"""u8, Url, "n", Account);

        var tampered = message with { Payload = Base64Url.EncodeToString("""{"csr":"BBBB"}"""u8) };

        Assert.False(JwsVerifier.Verify(tampered.Decode(), key.Jwk));
    }

    [Fact]
    public void Verify_TamperedProtectedHeader_Fails()
    {
        using var key = AcmeAccountKey.Generate(KeyType.Rsa2048);
        var message = JwsSigner.Sign(key, "{}"u8, Url, "n", Account);
        var header = message.Decode().Header with { Url = "https://acme.test/acme/revoke-cert" };

        var tampered = message with
        {
            Protected = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header, AcmeJsonContext.Default.JwsHeader)),
        };

        Assert.False(JwsVerifier.Verify(tampered.Decode(), key.Jwk));
    }

    [Fact]
    public void Verify_TamperedSignature_Fails()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP384);
        var message = JwsSigner.Sign(key, "{}"u8, Url, "n", Account);
        var signature = Base64Url.DecodeFromChars(message.Signature);
        signature[5] ^= 0x01;

        Assert.False(JwsVerifier.Verify((message with { Signature = Base64Url.EncodeToString(signature) }).Decode(), key.Jwk));
    }

    [Fact]
    public void Verify_OtherKeyOfSameType_Fails()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        using var other = AcmeAccountKey.Generate(KeyType.EcP256);

        var jws = JwsSigner.Sign(key, "{}"u8, Url, "n", Account).Decode();

        Assert.False(JwsVerifier.Verify(jws, other.Jwk));
    }

    [Fact]
    public void Verify_AlgDoesNotMatchKey_BadSignatureAlgorithm()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        using var rsa = AcmeAccountKey.Generate(KeyType.Rsa2048);
        var jws = JwsSigner.Sign(key, "{}"u8, Url, "n", Account).Decode();

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.Verify(jws, rsa.Jwk));

        Assert.Equal(AcmeProblemTypes.BadSignatureAlgorithm, error.Problem.Type);
        Assert.Equal("alg 'ES256' does not match the key; expected RS256", error.Message);
    }

    [Fact]
    public void CheckAcmeHeader_UrlOfAnotherResource_Unauthorized()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var jws = JwsSigner.Sign(key, "{}"u8, Url, "n", Account).Decode();

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.CheckAcmeHeader(jws, new Uri("https://acme.test/acme/finalize/1")));

        Assert.Equal(AcmeProblemTypes.Unauthorized, error.Problem.Type);
    }

    [Fact]
    public void CheckAcmeHeader_NoNonce_BadNonce()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var jws = JwsSigner.Sign(key, "{}"u8, Url, nonce: null, Account).Decode();

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.CheckAcmeHeader(jws, Url));

        Assert.Equal(AcmeProblemTypes.BadNonce, error.Problem.Type);
    }

    [Fact]
    public void CheckAcmeHeader_MacAlgorithm_BadSignatureAlgorithm()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var eab = JwsSigner.SignExternalAccountBinding("kid-1", new byte[32], key.Jwk, Url).Decode();

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.CheckAcmeHeader(eab, Url));

        Assert.Equal(AcmeProblemTypes.BadSignatureAlgorithm, error.Problem.Type);
    }

    [Fact]
    public void CheckAcmeHeader_BothJwkAndKid_Malformed()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var message = JwsSigner.Sign(key, "{}"u8, Url, "n", Account);
        var header = message.Decode().Header with { Jwk = key.Jwk };
        var forged = message with { Protected = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header, AcmeJsonContext.Default.JwsHeader)) };

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.CheckAcmeHeader(forged.Decode(), Url));

        Assert.Equal(AcmeProblemTypes.Malformed, error.Problem.Type);
    }

    [Fact]
    public void Parse_RoundTripOfSerializedMessage_Equal()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var message = JwsSigner.Sign(key, "{}"u8, Url, "n", Account);

        Assert.Equal(message, JwsMessage.Parse(message.ToJsonBytes()));
    }

    [Fact]
    public void Parse_TooLarge_Malformed()
    {
        var error = Assert.Throws<AcmeProtocolException>(() => JwsMessage.Parse(new byte[JwsMessage.MaxBytes + 1]));

        Assert.Equal(AcmeProblemTypes.Malformed, error.Problem.Type);
    }

    [Fact]
    public void Parse_MissingSignature_Malformed()
    {
        var error = Assert.Throws<AcmeProtocolException>(() => JwsMessage.Parse("""{"protected":"e30","payload":""}"""u8));

        Assert.Equal(AcmeProblemTypes.Malformed, error.Problem.Type);
    }
}
