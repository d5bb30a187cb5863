using System.Net.Sockets;
using System.Security.Cryptography;
using Certwright.Scanning;
using Certwright.Scanning.Internal;
using Certwright.Scanning.Internal.OpenSsl;

namespace Certwright.Tests.Scanning;

/// <summary>SNI selection and multi-target scans against a real nginx.</summary>
public sealed class NginxScanTests : IClassFixture<NginxSitesFixture>
{
    private readonly NginxSitesFixture _nginx;

    public NginxScanTests(NginxSitesFixture nginx)
    {
        _nginx = nginx;
    }

    [Theory]
    [InlineData("a.test")]
    [InlineData("b.test")]
    public async Task ScanAsync_SniOverride_SelectsThatServerBlock(string serverName)
    {
        var target = ScanTarget.Parse($"127.0.0.1:{_nginx.NamedPort}", serverName: serverName);

        var result = await new EndpointScanner().ScanAsync(target);

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal(serverName, target.ServerName);
        Assert.Equal(Fingerprint(_nginx.Certificates[serverName].Der), Fingerprint(result.PresentedChain[0]));
        Assert.Equal(Fingerprint(_nginx.Root.Der), Fingerprint(result.PresentedChain[1]));
    }

    [Fact]
    public async Task ScanAsync_IpLiteralWithoutSni_GetsTheDefaultServer()
    {
        var target = ScanTarget.Parse($"127.0.0.1:{_nginx.NamedPort}");

        var result = await new EndpointScanner().ScanAsync(target);

        Assert.Null(target.ServerName);
        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal(Fingerprint(_nginx.Certificates["default.test"].Der), Fingerprint(result.PresentedChain[0]));
    }

    [Fact]
    public async Task ScanAsync_HostName_SendsItAsSni()
    {
        var result = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"localhost:{_nginx.NamedPort}"));

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal(Fingerprint(_nginx.Certificates["localhost"].Der), Fingerprint(result.PresentedChain[0]));
        Assert.Equal("TLSv1.3", result.Protocol);
    }

    [Fact]
    public async Task ScanAsync_HostNameWithSniOverride_SendsTheOverride()
    {
        var result = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"localhost:{_nginx.NamedPort}", serverName: "B.TEST"));

        Assert.True(result.Status == ScanStatus.Success, result.Error);
        Assert.Equal("b.test", result.Target.ServerName);
        Assert.Equal(Fingerprint(_nginx.Certificates["b.test"].Der), Fingerprint(result.PresentedChain[0]));
    }

    [Fact]
    public async Task ScanManyAsync_200Targets_RunsExactlyMaxConcurrencyAtOnceAndReturnsAll()
    {
        const int concurrency = 8;
        var targets = Enumerable.Range(0, 200)
            .Select(i => ScanTarget.Parse($"127.0.0.1:{_nginx.ExtraPorts[i % _nginx.ExtraPorts.Count]}", serverName: $"s{i}.test"))
            .ToList();
        var handshaker = new GatedHandshaker(new OpenSslHandshaker(), concurrency);
        var sut = new EndpointScanner(new EndpointScannerOptions { MaxConcurrency = concurrency }, TimeProvider.System, handshaker);

        var results = new List<EndpointScanResult>();
        await foreach (var result in sut.ScanManyAsync(targets))
        {
            results.Add(result);
        }

        Assert.Equal(concurrency, handshaker.MaxInFlight);
        Assert.Equal(targets.Count, results.Count);
        Assert.Equal(targets.Select(t => t.ServerName).Order(), results.Select(r => r.Target.ServerName).Order());
        var shared = Fingerprint(_nginx.Certificates["shared.test"].Der);
        Assert.All(results, r =>
        {
            Assert.True(r.Status == ScanStatus.Success, r.Error);
            Assert.Equal(shared, Fingerprint(r.PresentedChain[0]));
        });
    }

    [Fact]
    public async Task ScanManyAsync_ConsumerStopsEarly_EndsWithoutError()
    {
        var targets = Enumerable.Range(0, 100).Select(i => ScanTarget.Parse($"127.0.0.1:{_nginx.ExtraPorts[i % _nginx.ExtraPorts.Count]}"));
        var sut = new EndpointScanner(new EndpointScannerOptions { MaxConcurrency = 4 });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        EndpointScanResult? first = null;
        await foreach (var result in sut.ScanManyAsync(targets))
        {
            first = result;
            break;
        }

        Assert.Equal(ScanStatus.Success, first?.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ScanManyAsync_CallerCancels_Throws()
    {
        var targets = Enumerable.Range(0, 100).Select(i => ScanTarget.Parse($"127.0.0.1:{_nginx.ExtraPorts[i % _nginx.ExtraPorts.Count]}"));
        using var cancel = new CancellationTokenSource();
        var count = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var result in new EndpointScanner(new EndpointScannerOptions { MaxConcurrency = 2 }).ScanManyAsync(targets, cancel.Token))
            {
                if (++count == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(3, count);
    }

    private static string Fingerprint(byte[] der) => Convert.ToHexStringLower(SHA256.HashData(der));

    /// <summary>
    /// Counts handshakes in flight; the first <c>expected</c> wait until all of them have started, so a scanner
    /// that runs fewer at once times out here and one that runs more is caught by <see cref="MaxInFlight"/>.
    /// </summary>
    private sealed class GatedHandshaker(ITlsHandshaker inner, int expected) : ITlsHandshaker
    {
        private readonly TaskCompletionSource _allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _maxInFlight;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public async Task<TlsSessionDetails> HandshakeAsync(Socket socket, string? serverName, int maxInputBytes, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            if (now >= expected)
            {
                _allStarted.TrySetResult();
            }

            try
            {
                await _allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                return await inner.HandshakeAsync(socket, serverName, maxInputBytes, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
