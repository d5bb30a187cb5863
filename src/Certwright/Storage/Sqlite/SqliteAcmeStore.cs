using System.Text.Json;
using Certwright.Acme.Server;
using Microsoft.Data.Sqlite;
using static Certwright.Storage.Sqlite.SqliteCommands;

namespace Certwright.Storage.Sqlite;

/// <summary>ACME accounts and orders in the embedded database, on a connection of its own whose commits wait for the fsync.</summary>
internal sealed class SqliteAcmeStore : IAcmeStore
{
    private readonly SqliteGatedConnection _gated;

    private SqliteAcmeStore(SqliteDatabase database, SqliteConnection connection) => _gated = new SqliteGatedConnection(database, connection, this);

    public static SqliteAcmeStore Open(string path, StorageOptions options, TimeProvider timeProvider) =>
        SqliteStoreOpener.Open(path, options, timeProvider, (database, connection) => new SqliteAcmeStore(database, connection), SqliteAuthoritySql.DurablePragmas);

    public Task<AcmeAccount?> FindAccountAsync(string authority, string id, CancellationToken cancellationToken) =>
        _gated.RunAsync(write: false, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.SelectAccount);
            Bind(command, "$id", id);
            Bind(command, "$authority", authority);
            return ReadAll(command, ReadAccount).FirstOrDefault();
        }, cancellationToken);

    public Task<AcmeAccount?> FindAccountByKeyAsync(string authority, string keyThumbprint, CancellationToken cancellationToken) =>
        _gated.RunAsync(write: false, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.SelectAccountByKey);
            Bind(command, "$authority", authority);
            Bind(command, "$key_thumbprint", keyThumbprint);
            return ReadAll(command, ReadAccount).FirstOrDefault();
        }, cancellationToken);

    public Task<bool> AddAccountAsync(AcmeAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _gated.RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.InsertAccount);
            BindAccount(command, account);
            Bind(command, "$created_at", SqliteTime.ToSeconds(account.CreatedAt));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task<bool> UpdateAccountAsync(AcmeAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _gated.RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.UpdateAccount);
            BindAccount(command, account);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task<AcmeOrder?> FindOrderAsync(string authority, string id, CancellationToken cancellationToken) =>
        _gated.RunAsync(write: false, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.SelectOrder);
            Bind(command, "$id", id);
            Bind(command, "$authority", authority);
            return ReadAll(command, ReadOrder).FirstOrDefault();
        }, cancellationToken);

    public Task<AcmeOrder?> FindOrderByCertificateAsync(string authority, string certificateSha256, CancellationToken cancellationToken) =>
        _gated.RunAsync(write: false, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.SelectOrderByCertificate);
            Bind(command, "$sha256", certificateSha256);
            Bind(command, "$authority", authority);
            return ReadAll(command, ReadOrder).FirstOrDefault();
        }, cancellationToken);

    public Task SaveOrderAsync(AcmeOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var document = JsonSerializer.Serialize(order, SqliteAcmeJson.Default.AcmeOrder);
        return _gated.RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.UpsertOrder);
            Bind(command, "$id", order.Id);
            Bind(command, "$authority", order.Authority);
            Bind(command, "$account_id", order.AccountId);
            Bind(command, "$status", order.Status);
            Bind(command, "$expires", SqliteTime.ToSeconds(order.Expires));
            Bind(command, "$certificate_sha256", order.CertificateSha256);
            Bind(command, "$created_at", SqliteTime.ToSeconds(order.CreatedAt));
            Bind(command, "$document", document);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListOrderIdsAsync(string authority, string accountId, int limit, CancellationToken cancellationToken) =>
        _gated.RunAsync<IReadOnlyList<string>>(write: false, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.SelectOrderIds);
            Bind(command, "$account_id", accountId);
            Bind(command, "$authority", authority);
            Bind(command, "$limit", limit);
            return ReadAll(command, reader => reader.GetString(0));
        }, cancellationToken);

    public Task<int> CountOpenOrdersAsync(string authority, string accountId, DateTimeOffset now, CancellationToken cancellationToken) =>
        _gated.RunAsync(write: false, connection =>
            (int)ScalarInt64(connection, SqliteAcmeSql.CountOpenOrders, ("$account_id", accountId), ("$authority", authority), ("$now", SqliteTime.ToSeconds(now))),
            cancellationToken);

    public Task<int> DeleteExpiredOrdersAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _gated.RunAsync(write: true, connection =>
        {
            using var command = Command(connection, SqliteAcmeSql.DeleteExpiredOrders);
            Bind(command, "$before", SqliteTime.ToSeconds(before));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public ValueTask DisposeAsync() => _gated.CloseAsync();

    private static void BindAccount(SqliteCommand command, AcmeAccount account)
    {
        Bind(command, "$id", account.Id);
        Bind(command, "$authority", account.Authority);
        Bind(command, "$key_thumbprint", account.KeyThumbprint);
        Bind(command, "$jwk", account.Jwk);
        Bind(command, "$contact", string.Join('\n', account.Contact));
        Bind(command, "$status", account.Status);
    }

    private static AcmeAccount ReadAccount(SqliteDataReader reader)
    {
        var contact = reader.GetString(4);
        return new AcmeAccount(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            contact.Length == 0 ? [] : contact.Split('\n'), reader.GetString(5), SqliteTime.FromSeconds(reader.GetInt64(6)));
    }

    private static AcmeOrder ReadOrder(SqliteDataReader reader) =>
        JsonSerializer.Deserialize(reader.GetString(0), SqliteAcmeJson.Default.AcmeOrder)
            ?? throw new CertwrightException(ErrorKind.State, "an ACME order in the database is empty; restore the database from a backup");
}
