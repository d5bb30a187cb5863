using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// The write statements, prepared once per connection and reused by every batch. The hot ones are bound by
/// parameter number: the name lists here fix those numbers and are checked against the SQL when prepared.
/// </summary>
internal sealed class SqliteRecordCommands(SqliteConnection connection) : IDisposable
{
    public SqliteRawStatement SelectCertificateAt { get; } = new SqliteRawStatement(connection, SqliteSql.SelectCertificateAt).RequireParameters("$id");

    public SqliteRawStatement SelectCertificateId { get; } = new(connection, SqliteSql.SelectCertificateId);

    public SqliteRawStatement InsertCertificate { get; } = new SqliteRawStatement(connection, SqliteSql.InsertCertificate).RequireParameters(
        "$id", "$not_after", "$sha256", "$sha1", "$serial", "$subject", "$issuer", "$common_name", "$not_before", "$key_description",
        "$key_bits", "$signature_algorithm", "$san_summary", "$is_ca", "$is_self_signed", "$first_location", "$first_seen", "$der_id");

    public SqliteRawStatement MaxDerId { get; } = new(connection, SqliteSql.MaxDerId);

    public SqliteRawStatement InsertDer { get; } = new SqliteRawStatement(connection, SqliteSql.InsertDer).RequireParameters("$id", "$der");

    public SqliteRawStatement CountSighting { get; } = new SqliteRawStatement(connection, SqliteSql.CountSighting).RequireParameters("$id");

    public SqliteRawStatement SelectLocationAt { get; } = new SqliteRawStatement(connection, SqliteSql.SelectLocationAt).RequireParameters("$id");

    public SqliteRawStatement InsertLocation { get; } = new SqliteRawStatement(connection, SqliteSql.InsertLocation).RequireParameters(
        "$id", "$kind", "$address", "$server_name", "$detail", "$namespace");

    public SqliteRawStatement UpdateLocationNamespace { get; } = new(connection, SqliteSql.UpdateLocationNamespace);

    public SqliteRawStatement InsertSighting { get; } = new SqliteRawStatement(connection, SqliteSql.InsertSighting).RequireParameters(
        "$certificate_id", "$location_id", "$position", "$seen");

    public SqliteRawStatement UpdateSighting { get; } = new SqliteRawStatement(connection, SqliteSql.UpdateSighting).RequireParameters(
        "$position", "$seen", "$certificate_id", "$location_id");

    public SqliteRawStatement SelectEndpointCurrent { get; } = new(connection, SqliteSql.SelectEndpointCurrent);

    public SqliteRawStatement SetEndpointCurrent { get; } = new(connection, SqliteSql.SetEndpointCurrent);

    public SqliteRawStatement InsertEndpointEvent { get; } = new(connection, SqliteSql.InsertEndpointEvent);

    public void Dispose()
    {
        foreach (var statement in new[]
        {
            SelectCertificateAt, SelectCertificateId, InsertCertificate, MaxDerId, InsertDer, CountSighting, SelectLocationAt,
            InsertLocation, UpdateLocationNamespace, InsertSighting, UpdateSighting, SelectEndpointCurrent, SetEndpointCurrent,
            InsertEndpointEvent,
        })
        {
            statement.Dispose();
        }
    }
}
