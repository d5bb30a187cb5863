using Certwright.Tests.Authority.TestSupport;
using Certwright.Authority;
using Certwright.Authority.Crl;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Authority.Crl;

public sealed class CrlRefresherTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly CrlTestAuthority _ca = new();
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryAuthorityStore _store = new();

    public void Dispose()
    {
        _ca.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task RefreshAsync_NoCrl_PublishesThenLeavesAFreshOneAlone()
    {
        var sut = CreateSut();

        Assert.Equal(1, await sut.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await sut.RefreshAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await sut.RefreshAsync(CancellationToken.None));

        Assert.Equal(1, (await Publisher().ReadCurrentAsync("test-ca", CancellationToken.None))!.Number);
    }

    [Fact]
    public async Task RefreshAsync_AtRefreshTime_PublishesTheNextNumber()
    {
        var sut = CreateSut();
        await sut.RefreshAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(3.5)); // half of the default 7-day validity
        Assert.Equal(1, await sut.RefreshAsync(CancellationToken.None));

        var current = (await Publisher().ReadCurrentAsync("test-ca", CancellationToken.None))!;
        Assert.Equal((2L, Start.AddDays(3.5), Start.AddDays(10.5)), (current.Number, current.ThisUpdate, current.NextUpdate));
    }

    [Fact]
    public async Task RefreshAsync_RevocationAfterPublish_IsOnTheNextCrl()
    {
        var sut = CreateSut();
        await sut.RefreshAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));

        await _store.RevokeAsync("test-ca", [0x0B, 0xAD], _time.GetUtcNow(), RevocationReason.KeyCompromise, CancellationToken.None);
        Assert.Equal(1, await sut.RefreshAsync(CancellationToken.None));

        var current = (await Publisher().ReadCurrentAsync("test-ca", CancellationToken.None))!;
        Assert.Equal((2L, 1), (current.Number, current.EntryCount));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsAfterPublishing()
    {
        using var stop = new CancellationTokenSource();
        var run = CreateSut().RunAsync(TimeSpan.FromSeconds(2), stop.Token);

        await WaitUntilAsync(() => File.Exists(CrlFiles.PathFor(_data.Path, "test-ca")));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(run.IsCompletedSuccessfully);
    }

    private CrlPublisher Publisher() => new(_data.Path, new CrlOptions(), _time);

    private CrlRefresher CreateSut() => new(Publisher(), _store, [_ca.Authority], _time);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
