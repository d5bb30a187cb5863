using Certwright.Tests.Authority.TestSupport;
using Certwright.Authority;
using Certwright.Authority.Crl;
using Certwright.Keys;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Authority.Crl;

public sealed class CrlPublisherTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly CrlTestAuthority _ca = new();
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryAuthorityStore _store = new();

    private CrlPublisher CreateSut(CrlOptions? options = null) => new(_data.Path, options ?? new CrlOptions(), _time);

    public void Dispose()
    {
        _ca.Dispose();
        _data.Dispose();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PublishAsync_Revocations_WritesDerAndPemThatOpenSslVerifies()
    {
        await _store.RevokeAsync("test-ca", [0x0B, 0xAD], Start.AddHours(-1), RevocationReason.KeyCompromise, CancellationToken.None);

        var crl = await CreateSut().PublishAsync(_ca.Authority, _store, CancellationToken.None);

        var der = CrlFiles.PathFor(_data.Path, "test-ca");
        var pem = CrlFiles.PemPathFor(_data.Path, "test-ca");
        Assert.Equal(crl.Der, await File.ReadAllBytesAsync(der));
        Assert.Equal(crl.ToPem(), await File.ReadAllTextAsync(pem));
        var verify = await OpenSsl.TryRunAsync("crl", "-in", der, "-inform", "DER", "-CAfile", _ca.ChainPem, "-noout", "-verify");
        Assert.Contains("verify OK", verify.StandardError + verify.StandardOutput, StringComparison.Ordinal);
        var text = await OpenSsl.RunAsync("crl", "-in", pem, "-noout", "-text");
        Assert.Matches(@"Serial Number: 0BAD\n\s+Revocation Date: Mar 10 11:00:00 2026 GMT\n\s+CRL entry extensions:\n\s+X509v3 CRL Reason Code: \n\s+Key Compromise\n", text);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(der));
    }

    [Fact]
    public async Task PublishAsync_Repeated_NumberIncreasesAcrossAReopenedStore()
    {
        var sut = CreateSut();
        var numbers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await sut.PublishAsync(_ca.Authority, _store, CancellationToken.None)).Number);
        }

        await using var reopened = new InMemoryAuthorityStore(_store.CrlNumbers);
        numbers.Add((await CreateSut().PublishAsync(_ca.Authority, reopened, CancellationToken.None)).Number);

        Assert.Equal([1L, 2L, 3L, 4L], numbers);
        Assert.Equal(4, (await CreateSut().ReadCurrentAsync("test-ca", CancellationToken.None))!.Number);
        var text = await OpenSsl.RunAsync("crl", "-in", CrlFiles.PemPathFor(_data.Path, "test-ca"), "-noout", "-crlnumber");
        Assert.Equal("crlNumber=0x04\n", text);
    }

    [Fact]
    public async Task PublishAsync_ConcurrentPublishers_FileEndsWithTheHighestNumber()
    {
        var sut = CreateSut();

        var published = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => sut.PublishAsync(_ca.Authority, _store, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 8).Select(n => (long)n), published.Select(c => c.Number).Order());
        Assert.Equal(8, (await sut.ReadCurrentAsync("test-ca", CancellationToken.None))!.Number);
    }

    [Fact]
    public async Task PublishAsync_CancelledWhileSigning_PreviousCrlStaysWholeAndNoTempFileRemains()
    {
        var sut = CreateSut();
        var first = await sut.PublishAsync(_ca.Authority, _store, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        using var cancelling = new SigningAuthority(_ca.Authority.Record, new CancellingKey(_ca.Authority.Key, cancellation));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.PublishAsync(cancelling, _store, cancellation.Token));

        Assert.Equal(first.Der, await File.ReadAllBytesAsync(CrlFiles.PathFor(_data.Path, "test-ca")));
        Assert.Equal(first.ToPem(), await File.ReadAllTextAsync(CrlFiles.PemPathFor(_data.Path, "test-ca")));
        Assert.Equal([".test-ca.lock", "test-ca.crl", "test-ca.crl.pem"], Directory.GetFiles(CrlFiles.Directory(_data.Path)).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task FreshCurrentAsync_ByScheduleAndRevocations_NullWhenAPublishIsNeeded()
    {
        var sut = CreateSut();
        Assert.Null(await sut.FreshCurrentAsync("test-ca", _store, CancellationToken.None));
        var published = await sut.PublishAsync(_ca.Authority, _store, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(84) - TimeSpan.FromSeconds(1));
        var beforeHalf = await sut.FreshCurrentAsync("test-ca", _store, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var atHalf = await sut.FreshCurrentAsync("test-ca", _store, CancellationToken.None);
        await sut.PublishAsync(_ca.Authority, _store, CancellationToken.None);
        await _store.RevokeAsync("test-ca", [0x01], _time.GetUtcNow(), RevocationReason.Superseded, CancellationToken.None);
        var afterRevocation = await sut.FreshCurrentAsync("test-ca", _store, CancellationToken.None);

        Assert.Equal(published.Der, beforeHalf?.Der);
        Assert.Null(atHalf);
        Assert.Null(afterRevocation);
    }

    [Fact]
    public async Task ReadCurrentAsync_ReadsBackWhatWasPublished()
    {
        await _store.RevokeAsync("test-ca", [0x01], Start, RevocationReason.Superseded, CancellationToken.None);
        await _store.RevokeAsync("test-ca", [0x02], Start, RevocationReason.Unspecified, CancellationToken.None);
        var published = await CreateSut().PublishAsync(_ca.Authority, _store, CancellationToken.None);

        var read = await CreateSut().ReadCurrentAsync("test-ca", CancellationToken.None);

        Assert.Equal(published with { Der = [] }, read! with { Der = [] });
        Assert.Equal((2, Start, Start.AddDays(7)), (read.EntryCount, read.ThisUpdate, read.NextUpdate));
    }

    [Fact]
    public async Task ReadCurrentAsync_DamagedFile_ThrowsStateNamingTheFile()
    {
        var path = CrlFiles.PathFor(_data.Path, "test-ca");
        _data.Write("crl/test-ca.crl", [0x30, 0x03, 0x02, 0x01]);

        var e = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().ReadCurrentAsync("test-ca", CancellationToken.None));

        Assert.Equal(ErrorKind.State, e.Kind);
        Assert.StartsWith($"{path} is not a readable CRL (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("); delete it and run `certwright crl test-ca` to publish a new one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadCurrentAsync_NonePublished_Null()
    {
        Assert.Null(await CreateSut().ReadCurrentAsync("test-ca", CancellationToken.None));
        Assert.True(CreateSut().IsDue(null));
    }

    /// <summary>Signs, then cancels the publish: the cancellation lands after the CRL is built, while the files are written.</summary>
    private sealed class CancellingKey(ISigningKey inner, CancellationTokenSource cancellation) : ISigningKey
    {
        public string Id => inner.Id;

        public KeyType Type => inner.Type;

        public byte[] SubjectPublicKeyInfo => inner.SubjectPublicKeyInfo;

        public byte[] SignatureAlgorithmIdentifier => inner.SignatureAlgorithmIdentifier;

        public byte[] Sign(ReadOnlySpan<byte> data)
        {
            var signature = inner.Sign(data);
            cancellation.Cancel();
            return signature;
        }

        public void Dispose()
        {
            // The inner key belongs to the test authority.
        }
    }
}
