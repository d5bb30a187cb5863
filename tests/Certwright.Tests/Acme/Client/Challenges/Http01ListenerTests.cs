using System.Net;
using Certwright.Acme.Client.Challenges;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client.Challenges;

public sealed class Http01ListenerTests
{
    private const string Token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";

    [Fact]
    public async Task Get_PublishedToken_KeyAuthorizationElse404()
    {
        var port = FreePort.Next();
        await using var listener = new Http01Listener(new IPEndPoint(IPAddress.Loopback, port));
        await listener.PublishAsync("a.test", Token, Token + ".thumb", default);
        using var http = new HttpClient();

        using var hit = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/.well-known/acme-challenge/{Token}"));
        using var miss = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/.well-known/acme-challenge/other"));
        using var elsewhere = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/index.html"));

        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal(Token + ".thumb", await hit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Get_RemovedToken_404()
    {
        var port = FreePort.Next();
        await using var listener = new Http01Listener(new IPEndPoint(IPAddress.Loopback, port));
        await listener.PublishAsync("a.test", Token, Token + ".thumb", default);
        await listener.RemoveAsync("a.test", Token, Token + ".thumb", default);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/.well-known/acme-challenge/{Token}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_Started_PortReleased()
    {
        var port = FreePort.Next();
        var listener = new Http01Listener(new IPEndPoint(IPAddress.Loopback, port));
        await listener.PublishAsync("a.test", Token, "x", default);
        Assert.True(BackgroundServer.IsListening(port));

        await listener.DisposeAsync();

        Assert.False(BackgroundServer.IsListening(port));
    }
}
