using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>The write statements, prepared once per connection and reused by every batch.</summary>
internal sealed class SqliteRecordCommands(SqliteConnection connection) : IDisposable
{
    public SqliteRawStatement MaxCertificateIdInSecond { get; } = new(connection, SqliteSql.MaxCertificateIdInSecond);

    public SqliteRawStatement SelectCertificateId { get; } = new(connection, SqliteSql.SelectCertificateId);

    public SqliteRawStatement InsertCertificate { get; } = new(connection, SqliteSql.InsertCertificate);

    public SqliteRawStatement InsertDer { get; } = new(connection, SqliteSql.InsertDer);

    public SqliteRawStatement SelectLocation { get; } = new(connection, SqliteSql.SelectLocation);

    public SqliteRawStatement InsertLocation { get; } = new(connection, SqliteSql.InsertLocation);

    public SqliteRawStatement UpdateLocationNamespace { get; } = new(connection, SqliteSql.UpdateLocationNamespace);

    public SqliteRawStatement InsertSighting { get; } = new(connection, SqliteSql.InsertSighting);

    public SqliteRawStatement UpdateSighting { get; } = new(connection, SqliteSql.UpdateSighting);

    public SqliteRawStatement SelectEndpointCurrent { get; } = new(connection, SqliteSql.SelectEndpointCurrent);

    public SqliteRawStatement SetEndpointCurrent { get; } = new(connection, SqliteSql.SetEndpointCurrent);

    public SqliteRawStatement InsertEndpointEvent { get; } = new(connection, SqliteSql.InsertEndpointEvent);

    public void Dispose()
    {
        foreach (var statement in new[]
        {
            MaxCertificateIdInSecond, SelectCertificateId, InsertCertificate, InsertDer, SelectLocation, InsertLocation,
            UpdateLocationNamespace, InsertSighting, UpdateSighting, SelectEndpointCurrent, SetEndpointCurrent, InsertEndpointEvent,
        })
        {
            statement.Dispose();
        }
    }
}
