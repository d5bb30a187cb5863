using System.Buffers.Text;
using System.Text.Json;
using Certwright.Acme.Protocol;
using Certwright.Keys;

namespace Certwright.Tests.Acme.Protocol;

public sealed class ExternalAccountBindingTests
{
    private static readonly Uri NewAccount = new("https://acme.test/acme/new-account");

    // Pebble's example EAB key (docs: pebble-config-external-account-bindings.json).
    private static readonly byte[] MacKey = Base64Url.DecodeFromChars("zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W");

    [Fact]
    public void SignExternalAccountBinding_AccountJwk_HeaderPayloadAndMacVerify()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);

        var eab = JwsSigner.SignExternalAccountBinding("kid-1", MacKey, key.Jwk, NewAccount).Decode();

        Assert.Equal("HS256", eab.Header.Alg);
        Assert.Equal("kid-1", eab.Header.Kid);
        Assert.Null(eab.Header.Nonce);
        Assert.Null(eab.Header.Jwk);
        Assert.Equal(NewAccount.AbsoluteUri, eab.Header.Url);
        Assert.Equal(key.Jwk, JsonSerializer.Deserialize(eab.Payload, AcmeJsonContext.Default.AcmeJwk));
        Assert.True(JwsVerifier.VerifyMac(eab, MacKey));
    }

    [Fact]
    public void VerifyMac_OtherMacKey_Fails()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var other = (byte[])MacKey.Clone();
        other[0] ^= 0xFF;

        var eab = JwsSigner.SignExternalAccountBinding("kid-1", MacKey, key.Jwk, NewAccount).Decode();

        Assert.False(JwsVerifier.VerifyMac(eab, other));
    }

    [Fact]
    public void VerifyMac_AsymmetricJws_Fails()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);

        var jws = JwsSigner.Sign(key, "{}"u8, NewAccount, "n", kid: null).Decode();

        Assert.False(JwsVerifier.VerifyMac(jws, MacKey));
    }
}
