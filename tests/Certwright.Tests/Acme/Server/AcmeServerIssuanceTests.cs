using System.Buffers.Text;
using System.Security.Cryptography;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Server;

public sealed class AcmeServerIssuanceTests
{
    [Fact]
    public async Task Directory_Get_ListsEveryResourceWithNonceAndNoStore()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();

        var directory = await client.LoadDirectoryAsync();

        Assert.Equal(200, directory.Status);
        var prefix = server.DirectoryUrl[..^"directory".Length];
        Assert.Equal(prefix + "new-nonce", client["newNonce"]);
        Assert.Equal(prefix + "new-account", client["newAccount"]);
        Assert.Equal(prefix + "new-order", client["newOrder"]);
        Assert.Equal(prefix + "revoke-cert", client["revokeCert"]);
        Assert.Equal(prefix + "key-change", client["keyChange"]);
        Assert.Equal(prefix + "renewal-info", client["renewalInfo"]);
        Assert.False(directory.Json.GetProperty("meta").GetProperty("externalAccountRequired").GetBoolean());
        Assert.Equal(22, directory.Nonce.Length); // 128 random bits, base64url
        Assert.Equal("no-store", directory.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task NewAccount_SameKeyTwice_CreatesOnceThenFindsIt()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();

        var created = await client.NewAccountAsync("""{"termsOfServiceAgreed":true,"contact":["mailto:ops@app.test"]}""");
        var again = await client.NewAccountAsync("""{"onlyReturnExisting":true}""");

        Assert.Equal(201, created.Status);
        Assert.StartsWith(server.DirectoryUrl[..^"directory".Length] + "acct/", created.Location, StringComparison.Ordinal);
        Assert.Equal("valid", created.Json.GetProperty("status").GetString());
        Assert.Equal("mailto:ops@app.test", created.Json.GetProperty("contact")[0].GetString());
        Assert.Equal(created.Location + "/orders", created.Json.GetProperty("orders").GetString());
        Assert.Equal(200, again.Status);
        Assert.Equal(created.Location, again.Location);
        Assert.Contains(created.Headers.GetValues("Link"), l => l == $"<{server.DirectoryUrl}>;rel=\"index\"");
    }

    [Fact]
    public async Task Finalize_ValidatedOrder_IssuesChainThatOpensslVerifies()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var order = await server.ReadyOrderAsync(client, "app.test", "www.app.test");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var finalized = await client.PostAsync(order + "/finalize", $"{{\"csr\":\"{Base64Url.EncodeToString(AcmeTestServer.Csr(key, "app.test", "www.app.test"))}\"}}");
        var certificate = await client.PostAsync(finalized.Json.GetProperty("certificate").GetString()!, null);

        Assert.Equal(200, finalized.Status);
        Assert.Equal("valid", finalized.Json.GetProperty("status").GetString());
        Assert.Equal(order, finalized.Location);
        Assert.Equal(200, certificate.Status);
        Assert.Equal("application/pem-certificate-chain", certificate.ContentType);
        Assert.Equal(2, certificate.Body.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        var leaf = server.Ca.Dir.Write("acme-leaf.pem", certificate.Body);
        Assert.Equal($"{leaf}: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", server.Ca.RootPem, "-untrusted", server.Ca.IntermediatePem, "-purpose", "sslserver", leaf));
        var text = await OpenSsl.RunAsync("x509", "-in", leaf, "-noout", "-ext", "subjectAltName");
        Assert.Contains("DNS:app.test, DNS:www.app.test", text, StringComparison.Ordinal);
        Assert.Contains($"app.test:{server.Responder.Port}", server.Responder.Hosts);
    }

    [Fact]
    public async Task Challenge_WrongKeyAuthorization_InvalidatesOrderAndFinalizeIsRefused()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var order = await client.NewOrderAsync("app.test");
        var authz = await client.PostAsync(order.Json.GetProperty("authorizations")[0].GetString()!, null);
        var challenge = authz.Json.GetProperty("challenges")[0];
        var token = challenge.GetProperty("token").GetString()!;
        lock (server.Responder.Answers)
        {
            server.Responder.Answers[token] = token + ".not-the-thumbprint";
        }

        var answered = await client.PostAsync(challenge.GetProperty("url").GetString()!, "{}");
        await server.Server.ValidationsIdleAsync();
        var after = await client.PostAsync(order.Location!, null);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalized = await client.PostAsync(order.Location + "/finalize", $"{{\"csr\":\"{Base64Url.EncodeToString(AcmeTestServer.Csr(key, "app.test"))}\"}}");

        Assert.Equal("processing", answered.Json.GetProperty("status").GetString());
        Assert.Contains(answered.Headers.GetValues("Link"), l => l == $"<{authz.Json.GetProperty("challenges")[0].GetProperty("url").GetString()![..^2].Replace("/chall/", "/authz/", StringComparison.Ordinal)}>;rel=\"up\"");
        Assert.Equal("invalid", after.Json.GetProperty("status").GetString());
        Assert.Equal("urn:ietf:params:acme:error:incorrectResponse", after.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(403, finalized.Status);
        Assert.Equal("urn:ietf:params:acme:error:orderNotReady", finalized.ProblemType);
    }

    [Theory]
    [InlineData("app.test", "unauthorized", "answered HTTP 404")]
    [InlineData("down.test", "connection", "fetching http://down.test:")]
    public async Task Challenge_NothingAnswers_AuthorizationInvalid(string name, string type, string detail)
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var order = await client.NewOrderAsync(name);
        var authzUrl = order.Json.GetProperty("authorizations")[0].GetString()!;
        var challenge = (await client.PostAsync(authzUrl, null)).Json.GetProperty("challenges")[0];

        await client.PostAsync(challenge.GetProperty("url").GetString()!, "{}");
        await server.Server.ValidationsIdleAsync();
        var authz = await client.PostAsync(authzUrl, null);

        Assert.Equal("invalid", authz.Json.GetProperty("status").GetString());
        var error = authz.Json.GetProperty("challenges")[0].GetProperty("error");
        Assert.Equal("urn:ietf:params:acme:error:" + type, error.GetProperty("type").GetString());
        Assert.Contains(detail, error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
