using Certwright.Acme.Server;
using Certwright.Storage;
using Certwright.Tests.TestSupport;
using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Tests.Storage;

public sealed class SqliteAcmeStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<IAcmeStore> OpenAsync() => AcmeStore.OpenAsync(new StorageOptions { DataDirectory = _dir.Path }, TimeProvider.System, default);

    private static AcmeAccount Account(string id, string thumbprint) =>
        new(id, "corp", thumbprint, """{"crv":"P-256","kty":"EC","x":"x","y":"y"}""", ["mailto:a@b.test", "mailto:c@d.test"], AcmeStatus.Valid, Now);

    private static AcmeOrder Order(string id, string account, string status, DateTimeOffset expires, string? sha256 = null) => new(
        id, "corp", account, status, expires, ["app.test"],
        [new AcmeAuthorization("app.test", AcmeStatus.Valid, expires, [new AcmeChallenge("http-01", "tok", AcmeStatus.Valid, Now, null)])],
        sha256, null, Now);

    [Fact]
    public async Task AddAccount_SameKeyTwice_SecondRefusedAndFirstFoundAfterReopen()
    {
        await using (var store = await OpenAsync())
        {
            Assert.True(await store.AddAccountAsync(Account(new string('a', 32), "thumb"), default));
            Assert.False(await store.AddAccountAsync(Account(new string('b', 32), "thumb"), default));
        }

        await using var reopened = await OpenAsync();
        var found = await reopened.FindAccountByKeyAsync("corp", "thumb", default);

        Assert.Equal(Account(new string('a', 32), "thumb") with { Contact = found!.Contact }, found);
        Assert.Equal(["mailto:a@b.test", "mailto:c@d.test"], found.Contact);
        Assert.Null(await reopened.FindAccountAsync("other-ca", new string('a', 32), default));
    }

    [Fact]
    public async Task SaveOrder_RoundTripsDocumentAndQueries()
    {
        await using var store = await OpenAsync();
        var account = new string('a', 32);
        await store.AddAccountAsync(Account(account, "thumb"), default);
        await store.SaveOrderAsync(Order(new string('1', 32), account, AcmeStatus.Pending, Now.AddDays(7)), default);
        await store.SaveOrderAsync(Order(new string('2', 32), account, AcmeStatus.Valid, Now.AddDays(-7), "abcd"), default);
        await store.SaveOrderAsync(Order(new string('3', 32), account, AcmeStatus.Pending, Now.AddDays(-7)), default);

        var read = await store.FindOrderAsync("corp", new string('1', 32), default);
        var byCertificate = await store.FindOrderByCertificateAsync("corp", "abcd", default);
        var open = await store.CountOpenOrdersAsync("corp", account, Now, default);
        var deleted = await store.DeleteExpiredOrdersAsync(Now, default);
        var ids = await store.ListOrderIdsAsync("corp", account, 10, default);

        var authorization = Assert.Single(read!.Authorizations);
        Assert.Equal(("app.test", AcmeStatus.Valid, Now.AddDays(7)), (authorization.Identifier, authorization.Status, authorization.Expires));
        Assert.Equal(new AcmeChallenge("http-01", "tok", AcmeStatus.Valid, Now, null), Assert.Single(authorization.Challenges));
        Assert.Equal(["app.test"], read.Identifiers);
        Assert.Equal(new string('2', 32), byCertificate!.Id);
        Assert.Equal(1, open);
        Assert.Equal(1, deleted);
        Assert.Equal(2, ids.Count);
    }
}
