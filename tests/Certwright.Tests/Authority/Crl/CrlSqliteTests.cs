using System.Security.Cryptography;
using Certwright.Authority;
using Certwright.Authority.Crl;
using Certwright.Storage;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Authority.Crl;

/// <summary>The publisher over the real SQLite CA ledger: revocations made there reach the CRL, numbers survive a re-open.</summary>
public sealed class CrlSqliteTests : IDisposable
{
    private readonly CrlTestAuthority _ca = new(name: "corp");
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        _ca.Dispose();
        _data.Dispose();
    }

    private Task<IAuthorityStore> OpenStoreAsync(TimeProvider time) =>
        AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = _data.Path }, time, CancellationToken.None);

    [Fact]
    public async Task PublishAsync_ReopenedSqliteStore_NumberKeepsGrowing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var publisher = new CrlPublisher(_data.Path, new CrlOptions(), time);
        var numbers = new List<long>();
        await using (var store = await OpenStoreAsync(time))
        {
            await store.AddAuthorityAsync(_ca.Authority.Record, CancellationToken.None);
            numbers.Add((await publisher.PublishAsync(_ca.Authority, store, CancellationToken.None)).Number);
            numbers.Add((await publisher.PublishAsync(_ca.Authority, store, CancellationToken.None)).Number);
        }

        await using (var reopened = await OpenStoreAsync(time))
        {
            numbers.Add((await publisher.PublishAsync(_ca.Authority, reopened, CancellationToken.None)).Number);
        }

        Assert.Equal([1L, 2L, 3L], numbers);
    }

    [Fact]
    public async Task PublishAsync_RevokedInTheLedger_OpenSslVerifyRejectsItAcceptsTheOtherAndDropsTheLongExpired()
    {
        var time = TimeProvider.System;
        await using var store = await OpenStoreAsync(time);
        await store.AddAuthorityAsync(_ca.Authority.Record, CancellationToken.None);
        var good = await IssueAsync(store, "good.test", null);
        var revoked = await IssueAsync(store, "revoked.test", null);
        var expired = await IssueAsync(store, "expired.test", time.GetUtcNow().AddDays(-30).UtcDateTime);
        var now = time.GetUtcNow();
        Assert.True(await store.RevokeAsync("corp", revoked.Serial, now.AddMinutes(-1), RevocationReason.AffiliationChanged, CancellationToken.None));
        Assert.True(await store.RevokeAsync("corp", expired.Serial, now.AddDays(-40), RevocationReason.KeyCompromise, CancellationToken.None));

        var crl = await new CrlPublisher(_data.Path, new CrlOptions(), time).PublishAsync(_ca.Authority, store, CancellationToken.None);

        var crlPem = CrlFiles.PemPathFor(_data.Path, "corp");
        var goodResult = await OpenSsl.TryRunAsync("verify", "-crl_check", "-CAfile", _ca.ChainPem, "-CRLfile", crlPem, good.File);
        var revokedResult = await OpenSsl.TryRunAsync("verify", "-crl_check", "-CAfile", _ca.ChainPem, "-CRLfile", crlPem, revoked.File);
        Assert.Equal($"{good.File}: OK\n", goodResult.StandardOutput);
        Assert.Contains("certificate revoked", revokedResult.StandardError + revokedResult.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, revokedResult.ExitCode);
        var parsed = new X509CrlParser().ReadCrl(crl.Der);
        Assert.NotNull(parsed.GetRevokedCertificate(new BigInteger(1, revoked.Serial)));
        Assert.Null(parsed.GetRevokedCertificate(new BigInteger(1, expired.Serial)));
        Assert.Equal(1, crl.EntryCount);
    }

    private async Task<(string File, byte[] Serial)> IssueAsync(IAuthorityStore store, string name, DateTime? notAfter)
    {
        var (file, serial, der) = _ca.IssueLeaf(name, notAfter);
        var certificate = new X509CertificateParser().ReadCertificate(der);
        var end = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero);
        await store.RecordIssuedAsync(
            new IssuedCertificate("corp", "server", serial, Convert.ToHexStringLower(SHA256.HashData(der)), "CN=" + name, end.AddYears(-1), end, end.AddYears(-1), der),
            CancellationToken.None);
        return (file, serial);
    }
}
