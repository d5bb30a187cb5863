using System.Buffers.Text;
using System.Text.Json;
using Certwright.Acme.Protocol;
using Certwright.Keys;

namespace Certwright.Tests.Acme.Protocol;

public sealed class JwsVerifierNestedTests
{
    private static readonly Uri KeyChange = new("https://acme.test/acme/key-change");
    private static readonly Uri NewAccount = new("https://acme.test/acme/new-account");
    private static readonly Uri Account = new("https://acme.test/acme/acct/7");

    [Fact]
    public void CheckKeyChangeInner_ClientKeyChange_ReturnsNewKey()
    {
        using var oldKey = AcmeAccountKey.Generate(KeyType.EcP256);
        using var newKey = AcmeAccountKey.Generate(KeyType.Rsa2048);
        var inner = JwsSigner.Sign(newKey, new AcmeKeyChange { Account = Account, OldKey = oldKey.Jwk }, AcmeJsonContext.Default.AcmeKeyChange, KeyChange, null, null);
        var outer = JwsSigner.Sign(oldKey, inner.ToJsonBytes(), KeyChange, "n", Account).Decode();

        Assert.Equal(newKey.Jwk, JwsVerifier.CheckKeyChangeInner(JwsMessage.Parse(outer.Payload).Decode(), outer));
    }

    [Fact]
    public void CheckKeyChangeInner_InnerWithNonce_Malformed()
    {
        using var oldKey = AcmeAccountKey.Generate(KeyType.EcP256);
        using var newKey = AcmeAccountKey.Generate(KeyType.EcP256);
        var inner = JwsSigner.Sign(newKey, "{}"u8, KeyChange, "nonce", null);
        var outer = JwsSigner.Sign(oldKey, inner.ToJsonBytes(), KeyChange, "n", Account).Decode();

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.CheckKeyChangeInner(inner.Decode(), outer));

        Assert.Equal("the inner keyChange JWS must have a jwk, and no kid or nonce", error.Message);
    }

    [Fact]
    public void CheckKeyChangeInner_SignedByOtherKeyThanItsJwk_Malformed()
    {
        using var oldKey = AcmeAccountKey.Generate(KeyType.EcP256);
        using var newKey = AcmeAccountKey.Generate(KeyType.EcP256);
        using var thief = AcmeAccountKey.Generate(KeyType.EcP256);
        var signed = JwsSigner.Sign(thief, "{}"u8, KeyChange, null, null);
        var header = signed.Decode().Header with { Jwk = newKey.Jwk };
        var forged = signed with { Protected = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header, AcmeJsonContext.Default.JwsHeader)) };
        var outer = JwsSigner.Sign(oldKey, forged.ToJsonBytes(), KeyChange, "n", Account).Decode();

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.CheckKeyChangeInner(forged.Decode(), outer));

        Assert.Equal("the inner keyChange JWS signature does not verify with its jwk", error.Message);
    }

    [Fact]
    public void CheckExternalAccountBinding_ClientBinding_ReturnsKeyId()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        var binding = JwsSigner.SignExternalAccountBinding("kid-1", new byte[32], key.Jwk, NewAccount).Decode();

        Assert.Equal("kid-1", JwsVerifier.CheckExternalAccountBinding(binding, NewAccount, key.Jwk));
    }

    [Fact]
    public void CheckExternalAccountBinding_BindsAnotherAccountKey_Malformed()
    {
        using var key = AcmeAccountKey.Generate(KeyType.EcP256);
        using var other = AcmeAccountKey.Generate(KeyType.EcP256);
        var binding = JwsSigner.SignExternalAccountBinding("kid-1", new byte[32], other.Jwk, NewAccount).Decode();

        var error = Assert.Throws<AcmeProtocolException>(() => JwsVerifier.CheckExternalAccountBinding(binding, NewAccount, key.Jwk));

        Assert.Equal("the externalAccountBinding payload is not the account key", error.Message);
    }
}
