using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Authority;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Acme.Server;

/// <summary>Restart, revocation, renewal information, key rollover, deactivation and expiry.</summary>
public sealed class AcmeServerLifecycleTests
{
    private static async Task<(string Order, string CertificateUrl, X509Certificate2 Leaf, ECDsa Key)> IssueAsync(AcmeTestServer server, TestAcmeClient client)
    {
        var order = await server.ReadyOrderAsync(client, "app.test");
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalized = await client.PostAsync(order + "/finalize", $"{{\"csr\":\"{Base64Url.EncodeToString(AcmeTestServer.Csr(key, "app.test"))}\"}}");
        var url = finalized.Json.GetProperty("certificate").GetString()!;
        var pem = (await client.PostAsync(url, null)).Body;
        return (order, url, X509Certificate2.CreateFromPem(pem), key);
    }

    [Fact]
    public async Task Restart_AccountAndIssuedOrderSurvive()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        var account = (await client.NewAccountAsync()).Location;
        var (order, certificateUrl, leaf, key) = await IssueAsync(server, client);
        using var _ = leaf;
        using var __ = key;

        await server.RestartAsync();
        var staleNonce = await client.NewAccountAsync("""{"onlyReturnExisting":true}""");
        var found = await client.NewAccountAsync("""{"onlyReturnExisting":true}""");
        var reread = await client.PostAsync(order, null);
        var certificate = await client.PostAsync(certificateUrl, null);
        var orders = await client.PostAsync(account + "/orders", null);

        Assert.Equal("urn:ietf:params:acme:error:badNonce", staleNonce.ProblemType);
        Assert.Equal(200, found.Status);
        Assert.Equal(account, found.Location);
        Assert.Equal("valid", reread.Json.GetProperty("status").GetString());
        Assert.Equal(leaf.RawData, X509Certificate2.CreateFromPem(certificate.Body).RawData);
        Assert.Equal(order, orders.Json.GetProperty("orders")[0].GetString());
    }

    [Fact]
    public async Task Challenge_LeftProcessingByAStoppedServer_AnsweredAgainValidates()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var order = await client.NewOrderAsync("app.test");
        var challenge = (await client.PostAsync(order.Json.GetProperty("authorizations")[0].GetString()!, null)).Json.GetProperty("challenges")[0];
        var token = challenge.GetProperty("token").GetString()!;
        await server.RestartAsync();
        await using (var store = await Certwright.Storage.AcmeStore.OpenAsync(new Certwright.Storage.StorageOptions { DataDirectory = server.Ca.Dir.File("data") }, TimeProvider.System, default))
        {
            // What a stop in the middle of a validation leaves behind.
            var stored = (await store.FindOrderAsync("corp", order.Location![^32..], default))!;
            var authorization = stored.Authorizations[0];
            await store.SaveOrderAsync(stored with { Authorizations = [authorization with { Challenges = [authorization.Challenges[0] with { Status = "processing" }] }] }, default);
        }

        lock (server.Responder.Answers)
        {
            server.Responder.Answers[token] = token + "." + client.Thumbprint;
        }

        await client.NewNonceAsync();
        var answered = await client.PostAsync(challenge.GetProperty("url").GetString()!, "{}");
        await server.Server.ValidationsIdleAsync();
        var after = await client.PostAsync(order.Location!, null);

        Assert.Equal("processing", answered.Json.GetProperty("status").GetString());
        Assert.Equal("ready", after.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RevokeCert_ByIssuingAccount_LedgerRevokedAndSecondTimeAlreadyRevoked()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var (_, _, leaf, key) = await IssueAsync(server, client);
        using var __ = leaf;
        using var ___ = key;
        var payload = $"{{\"certificate\":\"{Base64Url.EncodeToString(leaf.RawData)}\",\"reason\":4}}";

        var revoked = await client.PostAsync(client["revokeCert"], payload);
        var again = await client.PostAsync(client["revokeCert"], payload);

        Assert.Equal(200, revoked.Status);
        var status = await server.Ca.Store.GetStatusAsync("corp", leaf.SerialNumberBytes.ToArray(), default);
        Assert.Equal(CertificateStatusKind.Revoked, status.Kind);
        Assert.Equal(RevocationReason.Superseded, status.Reason);
        Assert.Equal("urn:ietf:params:acme:error:alreadyRevoked", again.ProblemType);
    }

    [Fact]
    public async Task RevokeCert_ByCertificateKeyOrOtherAccount_KeyAcceptedAccountRefused()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var (_, _, leaf, key) = await IssueAsync(server, client);
        using var __ = leaf;
        using var ___ = key;
        using var other = server.Client();
        await other.LoadDirectoryAsync();
        await other.NewAccountAsync();
        var payload = $"{{\"certificate\":\"{Base64Url.EncodeToString(leaf.RawData)}\"}}";

        var refused = await other.PostAsync(other["revokeCert"], payload);
        var byKey = await other.PostAsync(other["revokeCert"], payload, useJwk: true, key: key);

        Assert.Equal(403, refused.Status);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", refused.ProblemType);
        Assert.Equal(200, byKey.Status);
    }

    [Fact]
    public async Task RenewalInfo_IssuedCertificate_ThirdToSixthOfLifetimeLeftThenPastWhenRevoked()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var (_, _, leaf, key) = await IssueAsync(server, client);
        using var __ = leaf;
        using var ___ = key;
        var aki = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray();
        var certId = Base64Url.EncodeToString(aki) + "." + Base64Url.EncodeToString(leaf.SerialNumberBytes.ToArray());
        using var http = new HttpClient();

        using var response = await http.GetAsync(client["renewalInfo"] + "/" + certId);
        var window = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("suggestedWindow");
        await client.PostAsync(client["revokeCert"], $"{{\"certificate\":\"{Base64Url.EncodeToString(leaf.RawData)}\"}}");
        using var revoked = await http.GetAsync(client["renewalInfo"] + "/" + certId);
        var revokedEnd = System.Text.Json.JsonDocument.Parse(await revoked.Content.ReadAsStringAsync()).RootElement.GetProperty("suggestedWindow").GetProperty("end").GetDateTimeOffset();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromHours(6), response.Headers.RetryAfter!.Delta);
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
        Assert.Equal(notBefore + ((notAfter - notBefore) * 2 / 3), window.GetProperty("start").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(notBefore + ((notAfter - notBefore) * 5 / 6), window.GetProperty("end").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.True(revokedEnd <= DateTimeOffset.UtcNow, $"window end {revokedEnd:O} of a revoked certificate is not in the past");
    }

    [Theory]
    [InlineData("AAEC.AQ", 404)]
    [InlineData("not-a-cert-id", 400)]
    public async Task RenewalInfo_UnknownOrMalformedCertId_Problem(string certId, int status)
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(client["renewalInfo"] + "/" + certId);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains("urn:ietf:params:acme:error:malformed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyChange_NewKey_AccountFoundByNewKeyOnly()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        var account = (await client.NewAccountAsync()).Location!;
        var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var url = client["keyChange"];
        var inner = client.Sign(url, $"{{\"account\":\"{account}\",\"oldKey\":{TestAcmeClient.Jwk(client.Key)}}}", nonce: null, useJwk: true, newKey);

        var changed = await client.PostAsync(url, inner);
        using var old = server.Client();
        await old.LoadDirectoryAsync();
        old.ReplaceKey(ECDsa.Create(client.Key.ExportParameters(true)));
        var byOld = await old.NewAccountAsync("""{"onlyReturnExisting":true}""");
        client.ReplaceKey(newKey);
        var byNew = await client.NewAccountAsync("""{"onlyReturnExisting":true}""");

        Assert.Equal(200, changed.Status);
        Assert.Equal("urn:ietf:params:acme:error:accountDoesNotExist", byOld.ProblemType);
        Assert.Equal(account, byNew.Location);
    }

    [Fact]
    public async Task Account_Deactivated_LaterRequestsUnauthorized()
    {
        await using var server = await AcmeTestServer.StartAsync();
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        var account = (await client.NewAccountAsync()).Location!;

        var deactivated = await client.PostAsync(account, """{"status":"deactivated"}""");
        var order = await client.NewOrderAsync("app.test");

        Assert.Equal("deactivated", deactivated.Json.GetProperty("status").GetString());
        Assert.Equal(403, order.Status);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", order.ProblemType);
    }

    [Fact]
    public async Task Order_PastItsExpiry_InvalidWithExpiredAuthorization()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await AcmeTestServer.StartAsync(time);
        using var client = server.Client();
        await client.LoadDirectoryAsync();
        await client.NewAccountAsync();
        var order = await client.NewOrderAsync("app.test");

        time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var expired = await client.PostAsync(order.Location!, null);
        var authz = await client.PostAsync(order.Json.GetProperty("authorizations")[0].GetString()!, null);

        Assert.Equal("pending", order.Json.GetProperty("status").GetString());
        Assert.Equal("invalid", expired.Json.GetProperty("status").GetString());
        Assert.Equal("expired", authz.Json.GetProperty("status").GetString());
    }
}
