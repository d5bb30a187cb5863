using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>The write statements, prepared once per connection and reused by every batch.</summary>
internal sealed class SqliteRecordCommands : IDisposable
{
    public SqliteRecordCommands(SqliteConnection connection)
    {
        NextCertificateId = new(connection, SqliteSql.NextCertificateId);
        SelectCertificateId = new(connection, SqliteSql.SelectCertificateId, "$sha256");
        InsertCertificate = new(
            connection,
            SqliteSql.InsertCertificate,
            "$not_after", "$id", "$sha256", "$sha1", "$serial", "$subject", "$issuer", "$common_name", "$not_before",
            "$key_description", "$key_bits", "$signature_algorithm", "$san_summary", "$is_ca", "$is_self_signed", "$first_location", "$first_seen");
        InsertDer = new(connection, SqliteSql.InsertDer, "$id", "$der");
        SelectLocation = new(connection, SqliteSql.SelectLocation, "$kind", "$address", "$server_name", "$detail");
        InsertLocation = new(connection, SqliteSql.InsertLocation, "$kind", "$address", "$server_name", "$detail", "$namespace");
        UpdateLocationNamespace = new(connection, SqliteSql.UpdateLocationNamespace, "$namespace", "$id");
        InsertSighting = new(connection, SqliteSql.InsertSighting, "$location_id", "$certificate_id", "$position", "$seen");
        UpdateSighting = new(connection, SqliteSql.UpdateSighting, "$location_id", "$certificate_id", "$position", "$seen");
        SetEndpointCurrent = new(connection, SqliteSql.SetEndpointCurrent, "$certificate_id", "$since", "$id");
        InsertEndpointEvent = new(connection, SqliteSql.InsertEndpointEvent, "$location_id", "$occurred_at", "$kind", "$old_sha256", "$new_sha256");
    }

    public SqlitePreparedCommand NextCertificateId { get; }

    public SqlitePreparedCommand SelectCertificateId { get; }

    public SqlitePreparedCommand InsertCertificate { get; }

    public SqlitePreparedCommand InsertDer { get; }

    public SqlitePreparedCommand SelectLocation { get; }

    public SqlitePreparedCommand InsertLocation { get; }

    public SqlitePreparedCommand UpdateLocationNamespace { get; }

    public SqlitePreparedCommand InsertSighting { get; }

    public SqlitePreparedCommand UpdateSighting { get; }

    public SqlitePreparedCommand SetEndpointCurrent { get; }

    public SqlitePreparedCommand InsertEndpointEvent { get; }

    private IEnumerable<SqlitePreparedCommand> All =>
    [
        NextCertificateId, SelectCertificateId, InsertCertificate, InsertDer, SelectLocation, InsertLocation,
        UpdateLocationNamespace, InsertSighting, UpdateSighting, SetEndpointCurrent, InsertEndpointEvent,
    ];

    /// <summary>Enlists every command in <paramref name="transaction"/> (Microsoft.Data.Sqlite requires it), or none with null.</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (var command in All)
        {
            command.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        foreach (var command in All)
        {
            command.Dispose();
        }
    }
}
