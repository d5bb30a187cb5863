using System.Net;
using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Client;
using Certwright.Acme.Protocol;
using Certwright.Tests.Acme.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

/// <summary>Alternate chains (PEBBLE_ALTERNATE_ROOTS) and Pebble's deliberate nonce rejections.</summary>
public sealed class AcmeChainPebbleTests
{
    [Fact]
    public async Task ObtainAsync_PreferredChainOfAlternateRoot_ChainEndsAtThatRoot()
    {
        await using var pebble = await PebbleServer.StartAsync(new PebbleSettings { AlternateRoots = 1 });
        using var alternateRoot = X509Certificate2.CreateFromPem(await pebble.RootPemAsync(1));
        using var defaultRoot = X509Certificate2.CreateFromPem(await pebble.RootPemAsync(0));
        Assert.NotEqual(defaultRoot.Subject, alternateRoot.Subject);
        using var accounts = new TempDirectory();
        var options = AcmeTestKit.Options(pebble, accounts.Path) with { PreferredChain = alternateRoot.GetNameInfo(X509NameType.SimpleName, false) };
        using var source = new AcmeCertificateSource(options, TimeProvider.System);

        var bundle = await source.ObtainAsync(AcmeTestKit.Order("alt.example.test"), default);

        using var leaf = await AcmeTestKit.AssertIssuedAsync(bundle, pebble, ["alt.example.test"], rootIndex: 1);
        using var top = X509CertificateLoader.LoadCertificate(bundle.Chain[^1]);
        Assert.Equal(alternateRoot.Subject, top.Issuer);
    }

    [Fact]
    public async Task DownloadAllChainsAsync_OneAlternateRoot_TwoChainsSameLeafDifferentIssuers()
    {
        await using var pebble = await PebbleServer.StartAsync(new PebbleSettings { AlternateRoots = 1 });
        using var accounts = new TempDirectory();
        var options = AcmeTestKit.Options(pebble, accounts.Path);
        using var http = AcmeHttpClientFactory.Create(pebble.CaFile, TimeSpan.FromSeconds(10));
        using var key = AcmeAccountKey.Generate(Certwright.Keys.KeyType.EcP256);
        var client = new AcmeClient(options.Client!, http, key, TimeProvider.System);
        await client.CreateAccountAsync([], null, default);
        await using var responder = new Certwright.Acme.Client.Challenges.Http01Listener(new IPEndPoint(IPAddress.Loopback, pebble.Settings.HttpPort));
        var order = await client.NewOrderAsync([AcmeIdentifier.Dns("chains.example.test")], null, default);
        var authorization = await client.GetAuthorizationAsync(order.Order.Authorizations![0], default);
        var challenge = authorization.Challenges.Single(c => c.Type == "http-01");
        await responder.PublishAsync("chains.example.test", challenge.Token!, client.KeyAuthorizationFor(challenge.Token!), default);
        await client.RespondToChallengeAsync(challenge.Url, default);
        Assert.Equal("valid", (await client.WaitForAuthorizationAsync(order.Order.Authorizations[0], default)).Status);
        var (csr, _) = AcmeCsr.Create(["chains.example.test"], Certwright.Keys.KeyType.EcP256);
        var valid = await client.FinalizeAsync(order, csr, default);

        var chains = await client.DownloadAllChainsAsync(valid.Certificate!, default);

        Assert.Equal(2, chains.Count);
        Assert.Single(chains[0].Alternates);
        Assert.Equal(chains[0].Certificates[0], chains[1].Certificates[0]);
        using var issuer0 = X509CertificateLoader.LoadCertificate(chains[0].Certificates[^1]);
        using var issuer1 = X509CertificateLoader.LoadCertificate(chains[1].Certificates[^1]);
        Assert.NotEqual(issuer0.Issuer, issuer1.Issuer);
    }

    [Fact]
    public async Task ObtainAsync_PebbleRejectsThirtyPercentOfNonces_RetriedAndIssued()
    {
        await using var pebble = await PebbleServer.StartAsync(new PebbleSettings { NonceRejectPercent = 30 });
        using var accounts = new TempDirectory();
        var counter = new BadNonceCounter(pebble.CaFile);
        using var http = new HttpClient(counter);
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System, http);

        var bundle = await source.ObtainAsync(AcmeTestKit.Order("nonce.example.test", "www.nonce.example.test"), default);

        using var leaf = await AcmeTestKit.AssertIssuedAsync(bundle, pebble, ["nonce.example.test", "www.nonce.example.test"]);
        Assert.True(counter.BadNonces > 0, $"Pebble rejected no nonce in {counter.Posts} POSTs");
    }

    /// <summary>Counts POSTs and badNonce answers on the way through.</summary>
    private sealed class BadNonceCounter(string caFile) : DelegatingHandler(AcmeHttpClientFactory.CreateHandler(caFile, TimeSpan.FromSeconds(10)))
    {
        private int _posts;
        private int _badNonces;

        public int Posts => _posts;

        public int BadNonces => _badNonces;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post)
            {
                Interlocked.Increment(ref _posts);
                if (response.Content.Headers.ContentType?.MediaType == AcmeProblem.ContentType)
                {
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    if ((await response.Content.ReadAsStringAsync(cancellationToken)).Contains(AcmeProblemTypes.BadNonce, StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _badNonces);
                    }
                }
            }

            return response;
        }
    }
}
